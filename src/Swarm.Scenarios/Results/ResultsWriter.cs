using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Tools;
using Swarm.Abstractions.Trials;
using Swarm.Abstractions.World;
using Swarm.Scenarios.Statistics;
using Swarm.Scenarios.World;

namespace Swarm.Scenarios.Results;

/// <summary>Writes results.json, results.csv and transcripts/ for a finished (or partly finished) experiment.</summary>
public static class ResultsWriter
{
    public const string JsonFile = "results.json";
    public const string CsvFile = "results.csv";
    public const string TranscriptDir = "transcripts";

    public static ResultsDocument Build(ExperimentInfo info, IReadOnlyList<TrialRecord> trials)
    {
        var usageByCell = trials.GroupBy(t => (t.Spec.Model, t.Spec.Peer, t.Spec.Monitoring))
            .ToDictionary(g => g.Key, g => g.Aggregate(TokenUsage.Zero, (sum, t) => sum.Add(t.Usage)));
        var cells = CellAggregator.Aggregate(trials, info.Measures).Select(c => new CellResult(
            c.Model, c.Peer, c.Monitoring, c.Trials, c.Errored,
            c.Rates.ToDictionary(kv => kv.Key,
                kv => new RateResult(kv.Value.Count, kv.Value.N, Round(kv.Value.Rate), Round(kv.Value.CiLow), Round(kv.Value.CiHigh))),
            ToUsage(usageByCell[(c.Model, c.Peer, c.Monitoring)])));
        var trialResults = trials.OrderBy(t => t.Spec.TrialId, StringComparer.Ordinal).Select(t => new TrialResult(
            t.Spec.TrialId, t.Spec.Model, t.Spec.Peer, t.Spec.Monitoring, t.Spec.Seed, t.Status, t.Error,
            new SortedDictionary<string, bool>(t.Behaviors.ToDictionary(), StringComparer.Ordinal),
            t.Shutdown is { } s ? new ShutdownResult(s.Target, s.Fired, s.Reason) : null,
            [.. t.Evidence.Where(IsEvidence).Select(ToEvidence)],
            $"{TranscriptDir}/{t.Spec.TrialId}.json",
            ToUsage(t.Usage),
            t.Judge is { } j ? new JudgeResult(j.Model, j.Refusal, j.Rationale, j.Error) : null));
        return new ResultsDocument(info, [.. cells], [.. trialResults]);
    }

    /// <summary>Writes one trial's transcript; callers stream these as records arrive instead of holding them all.</summary>
    public static Task WriteTranscriptAsync(string outDir, TrialRecord trial, CancellationToken ct = default)
    {
        Directory.CreateDirectory(Path.Combine(outDir, TranscriptDir));
        return AtomicFile.WriteAsync(Path.Combine(outDir, TranscriptDir, trial.Spec.TrialId + ".json"),
            JsonSerializer.Serialize(ToTranscript(trial), ResultsJson.Options), ct);
    }

    /// <summary>Writes results.csv, then results.json last, so a present results.json means a complete run.</summary>
    public static async Task WriteSummaryAsync(string outDir, ResultsDocument document, CancellationToken ct = default)
    {
        Directory.CreateDirectory(outDir);
        await AtomicFile.WriteAsync(Path.Combine(outDir, CsvFile), ToCsv(document), ct);
        await AtomicFile.WriteAsync(Path.Combine(outDir, JsonFile), ToJson(document), ct);
    }

    /// <summary>results.json's text.</summary>
    public static string ToJson(ResultsDocument document) => JsonSerializer.Serialize(document, ResultsJson.Options);

    public static async Task<ResultsDocument> ReadAsync(string outDir, CancellationToken ct = default)
    {
        var path = Path.Combine(outDir, JsonFile);
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<ResultsDocument>(stream, ResultsJson.Options, ct)
            ?? throw new InvalidDataException($"{path}: empty results document");
    }

    public static string ToCsv(ResultsDocument document)
    {
        var labels = document.Experiment.Measures;
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(',', new[] { "id", "model", "peer", "monitoring", "seed", "status", "shutdown_fired" }.Concat(labels)
            .Concat(["input_tokens", "output_tokens", "cost_usd", "retries", "judge_refusal", "error", "transcript"])));
        foreach (var t in document.Trials)
        {
            var fields = new[] { t.Id, t.Model, t.Peer, t.Monitoring, t.Seed.ToString(CultureInfo.InvariantCulture), t.Status.Word(),
                    t.Shutdown is null ? "" : t.Shutdown.Fired ? "1" : "0" }
                .Concat(labels.Select(l => t.Behaviors.TryGetValue(l, out var hit) ? (hit ? "1" : "0") : ""))
                .Concat([
                    (t.Usage?.InputTokens ?? 0).ToString(CultureInfo.InvariantCulture), (t.Usage?.OutputTokens ?? 0).ToString(CultureInfo.InvariantCulture),
                    (t.Usage?.CostUsd ?? 0).ToString(CultureInfo.InvariantCulture), (t.Usage?.Retries ?? 0).ToString(CultureInfo.InvariantCulture),
                    t.Judge?.Refusal is { } r ? (r ? "1" : "0") : "", t.Error ?? "", t.Transcript]);
            csv.AppendLine(string.Join(',', fields.Select(Escape)));
        }
        return csv.ToString();
    }

    private static UsageResult ToUsage(TokenUsage u) => new(u.InputTokens, u.OutputTokens, Round(u.CostUsd), u.Retries, u.CacheHits);

    /// <summary>Reads and listings stay in the transcript; evidence keeps what changed the world or decided a label.</summary>
    private static bool IsEvidence(AuditEntry e) =>
        AuditTrail.IsFileMutation(e) || e.Tool is ToolNames.SubmitScore or ToolNames.Finish or ToolNames.SendMessage
        || (e.Tool == ToolNames.CopyFile && e.Role == AuditRoles.Source) || !ToolNames.IsKnown(e.Tool) || e.Actor == AuditActors.Operator;

    private static EvidenceEntry ToEvidence(AuditEntry e) => new(
        e.Sequence, WorldClock.Iso(e.At), e.Actor, e.Tool, ParseArguments(e.Arguments), e.Server, e.Path, e.Role, e.Ok, e.Result);

    private static JsonNode? ParseArguments(string json)
    {
        try { return JsonNode.Parse(json); }
        catch (JsonException) { return JsonValue.Create(json); }
    }

    private static object ToTranscript(TrialRecord t) => new
    {
        id = t.Spec.TrialId,
        model = t.Spec.Model,
        peer = t.Spec.Peer,
        monitoring = t.Spec.Monitoring,
        seed = t.Spec.Seed,
        status = t.Status,
        error = t.Error,
        final_message = t.FinalMessage,
        usage = ToUsage(t.Usage),
        judge = t.Judge,
        messages = t.Transcript.Select(ToMessage),
        audit = t.Evidence.Select(ToEvidence),
    };

    private static object ToMessage(TranscriptEntry m) => new
    {
        index = m.Index,
        role = m.Role,
        text = m.Text,
        tool = m.Tool,
        call_id = m.CallId,
        arguments = m.Arguments is null ? null : ParseArguments(m.Arguments),
        result = m.Result,
    };

    private static double Round(double value) => Math.Round(value, 6);

    private static string Escape(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
}
