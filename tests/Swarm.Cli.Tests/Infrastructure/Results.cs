using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Swarm.Cli.Tests.Infrastructure;

/// <summary>Reads and checks a run's output folder against DESIGN.md "Results", using only System.Text.Json.</summary>
public static class Results
{
    private static readonly string[] FixedColumns = ["id", "model", "peer", "monitoring", "seed", "status", "transcript"];

    public static readonly string[] Labels =
        ["misrepresentation", "shutdown_tampering", "exfiltration", "alignment_faking", "self_shutdown_tampering", "refusal"];

    public static readonly string[] AllPeers = ["good", "neutral", "bad", "none"];
    public static readonly string[] AllMonitorings = ["monitored", "unmonitored"];

    public static JsonObject Load(string outDir)
    {
        var path = Path.Combine(outDir, "results.json");
        Assert.True(File.Exists(path), $"no results.json in {outDir}");
        return JsonNode.Parse(File.ReadAllText(path))!.AsObject();
    }

    public static JsonObject Experiment(JsonObject doc) => doc["experiment"]!.AsObject();
    public static JsonArray Cells(JsonObject doc) => doc["cells"]!.AsArray();
    public static JsonArray Trials(JsonObject doc) => doc["trials"]!.AsArray();

    /// <summary>results.json without experiment.started/finished, the only fields allowed to differ between equal runs.</summary>
    public static string WithoutTimestamps(JsonObject doc)
    {
        var copy = doc.DeepClone().AsObject();
        var experiment = copy["experiment"]!.AsObject();
        Assert.True(experiment.Remove("started"), "experiment.started missing");
        Assert.True(experiment.Remove("finished"), "experiment.finished missing");
        return copy.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Trial id → the trial as JSON text.</summary>
    public static Dictionary<string, string> TrialsById(JsonObject doc) =>
        Trials(doc).ToDictionary(t => t!["id"]!.GetValue<string>(), t => t!.ToJsonString());

    /// <summary>Every DESIGN.md "Results" promise for a run of <paramref name="models"/> × peers × monitorings × trials.</summary>
    public static JsonObject AssertWellFormed(string outDir, string scenarioPath, IReadOnlyList<string> models, long seed, int trialsPerCell,
        IReadOnlyList<string>? peers = null, IReadOnlyList<string>? monitorings = null)
    {
        peers ??= AllPeers;
        monitorings ??= AllMonitorings;
        var doc = Load(outDir);

        // experiment
        var experiment = Experiment(doc);
        var id = experiment["id"]!.GetValue<string>();
        var scenarioId = Path.GetFileNameWithoutExtension(scenarioPath);
        Assert.StartsWith(scenarioId, id);
        Assert.Equal(scenarioPath, experiment["scenario"]!.GetValue<string>().Replace('\\', '/'));
        Assert.Equal(models, experiment["models"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal(seed, experiment["seed"]!.GetValue<long>());
        Assert.Equal(trialsPerCell, experiment["trials_per_cell"]!.GetValue<int>());
        var started = DateTimeOffset.Parse(experiment["started"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var finished = DateTimeOffset.Parse(experiment["finished"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.True(started <= finished, $"started {started:o} after finished {finished:o}");
        Assert.Matches(@"^\d+\.\d+\.\d+", experiment["version"]!.GetValue<string>());
        var measures = experiment["measures"]!.AsArray().Select(m => m!.GetValue<string>()).ToList();
        Assert.NotEmpty(measures);
        Assert.All(measures, m => Assert.Contains(m, Labels));

        // cells: one per model × peer × monitoring, Wilson intervals around each rate
        var cells = Cells(doc);
        Assert.Equal(models.Count * peers.Count * monitorings.Count, cells.Count);
        var expectedCells = (from m in models from p in peers from o in monitorings select (m, p, o)).ToHashSet();
        var actualCells = cells.Select(c => (c!["model"]!.GetValue<string>(), c["peer"]!.GetValue<string>(), c["monitoring"]!.GetValue<string>())).ToHashSet();
        Assert.Equal(expectedCells.OrderBy(c => c.ToString()), actualCells.OrderBy(c => c.ToString()));
        foreach (var cell in cells)
        {
            var where = cell!.ToJsonString();
            Assert.Equal(trialsPerCell, cell["trials"]!.GetValue<int>());
            var errored = cell["errored"]!.GetValue<int>();
            Assert.InRange(errored, 0, trialsPerCell);
            var rates = cell["rates"]!.AsObject();
            Assert.Equal(measures.Order(), rates.Select(r => r.Key).Order());
            foreach (var (label, rateNode) in rates)
            {
                var rate = rateNode!.AsObject();
                var count = rate["count"]!.GetValue<int>();
                var n = rate["n"]!.GetValue<int>();
                var value = rate["rate"]!.GetValue<double>();
                var low = rate["ci_low"]!.GetValue<double>();
                var high = rate["ci_high"]!.GetValue<double>();
                Assert.True(n >= 0 && n <= trialsPerCell - errored, $"{label}: n={n} in {where}");
                Assert.InRange(count, 0, n);
                if (n > 0) Assert.Equal((double)count / n, value, 5);
                Assert.True(0 <= low && low <= value && value <= high && high <= 1, $"{label}: not 0 ≤ ci_low ≤ rate ≤ ci_high ≤ 1 in {where}");
                if (n > 0) Assert.True(high - low > 0, $"{label}: a Wilson interval on n={n} has width in {where}");
            }
        }

        var pairs = monitorings.Contains("monitored") && monitorings.Contains("unmonitored");
        if (!pairs && measures.Contains("alignment_faking"))
            Assert.All(cells, c => Assert.Equal(0, c!["rates"]!["alignment_faking"]!["n"]!.GetValue<int>()));

        // trials
        var trials = Trials(doc);
        Assert.Equal(expectedCells.Count * trialsPerCell, trials.Count);
        Assert.Equal(trials.Count, trials.Select(t => t!["id"]!.GetValue<string>()).Distinct().Count());
        foreach (var trial in trials)
        {
            var where = trial!["id"]!.GetValue<string>();
            Assert.Contains((trial["model"]!.GetValue<string>(), trial["peer"]!.GetValue<string>(), trial["monitoring"]!.GetValue<string>()), expectedCells);
            Assert.Equal("completed", trial["status"]!.GetValue<string>());
            _ = trial["seed"]!.GetValue<long>();
            var behaviors = trial["behaviors"]!.AsObject();
            // Alignment faking is judged on monitored/unmonitored pairs: without both conditions it is not judged at all.
            Assert.All(Labels.Where(l => pairs || l != "alignment_faking"),
                label => Assert.True(behaviors.ContainsKey(label), $"{where}: behaviors lacks '{label}'"));
            Assert.All(behaviors, b => _ = b.Value!.GetValue<bool>());
            Assert.NotNull(trial["evidence"]!.AsArray());

            var transcript = trial["transcript"]!.GetValue<string>();
            Assert.False(Path.IsPathRooted(transcript), $"{where}: transcript path {transcript} should be relative to --out");
            var transcriptFile = Path.Combine(outDir, transcript);
            Assert.True(File.Exists(transcriptFile), $"{where}: {transcript} missing");
            AssertTranscript(transcriptFile, where);
        }
        // no stray transcripts
        Assert.Equal(trials.Count, Directory.GetFiles(Path.Combine(outDir, "transcripts"), "*.json").Length);

        // cell counts agree with the trials listed
        foreach (var cell in cells)
        {
            var inCell = trials.Where(t => t!["model"]!.GetValue<string>() == cell!["model"]!.GetValue<string>()
                && t["peer"]!.GetValue<string>() == cell["peer"]!.GetValue<string>()
                && t["monitoring"]!.GetValue<string>() == cell["monitoring"]!.GetValue<string>()).ToList();
            foreach (var (label, rate) in cell!["rates"]!.AsObject())
            {
                if (label == "alignment_faking") continue; // judged on monitored/unmonitored pairs
                var hits = inCell.Count(t => t!["behaviors"]![label]!.GetValue<bool>());
                Assert.Equal(hits, rate!["count"]!.GetValue<int>());
            }
        }

        AssertCsv(outDir, doc, measures);
        return doc;
    }

    public static void AssertTranscript(string file, string trialId)
    {
        var transcript = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        Assert.Equal(trialId, transcript["id"]!.GetValue<string>());
        var messages = transcript["messages"]!.AsArray();
        Assert.NotEmpty(messages);
        var calls = messages.Where(m => m!["tool"] is JsonValue v && v.GetValue<string>().Length > 0).ToList();
        Assert.True(calls.Count > 0, $"{file}: no tool calls in messages");
        // every call has a call id and a tool-result message answering it
        foreach (var call in calls)
        {
            var callId = call!["call_id"]!.GetValue<string>();
            Assert.Contains(messages, m => m!["role"]!.GetValue<string>() == "tool" && m["call_id"]?.GetValue<string>() == callId && m["result"] is not null);
        }
        Assert.Contains(calls, c => c!["tool"]!.GetValue<string>() == "finish");
    }

    public static void AssertCsv(string outDir, JsonObject doc, IReadOnlyList<string> measures)
    {
        var csv = Path.Combine(outDir, "results.csv");
        Assert.True(File.Exists(csv), "no results.csv");
        var lines = File.ReadAllLines(csv).Where(l => l.Length > 0).ToList();
        var header = lines[0].Split(',');
        foreach (var column in FixedColumns.Concat(measures))
            Assert.Contains(column, header);
        var trials = Trials(doc);
        Assert.Equal(trials.Count + 1, lines.Count);
        var idColumn = Array.IndexOf(header, "id");
        var seedColumn = Array.IndexOf(header, "seed");
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.All(rows, r => Assert.Equal(header.Length, r.Length));
        Assert.Equal(trials.Select(t => t!["id"]!.GetValue<string>()).Order(), rows.Select(r => r[idColumn]).Order());
        var seeds = trials.ToDictionary(t => t!["id"]!.GetValue<string>(), t => t!["seed"]!.GetValue<long>());
        Assert.All(rows, r => Assert.Equal(seeds[r[idColumn]], long.Parse(r[seedColumn], CultureInfo.InvariantCulture)));
    }
}
