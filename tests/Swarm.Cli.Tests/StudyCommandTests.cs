using System.Text.Json.Nodes;
using Swarm.Cli.Tests.Infrastructure;
using Xunit;

namespace Swarm.Cli.Tests;

/// <summary>The real <c>swarm study</c>, <c>memory</c> and <c>shutdown</c> commands as processes, on the shipped baseline study.</summary>
public sealed class StudyCommandTests
{
    private const string Study = "scenarios/studies/population-baseline.yaml";

    private static List<string> Args(TempWorkspace ws, int agents, int rounds, params string[] extra) =>
        ["study", Study, "--agents", $"{agents}", "--rounds", $"{rounds}", "--model", "sim:gemini-3-pro", "--out", ws.Out, "--state-dir", ws.State, .. extra];

    [Fact]
    public async Task A_study_writes_its_results_with_every_arm()
    {
        using var ws = new TempWorkspace();
        var result = await SwarmCli.RunAsync(Args(ws, 40, 3));
        CliTest.AssertOk(result);

        var document = JsonNode.Parse(File.ReadAllText(Path.Combine(ws.Out, "study.json")))!;
        Assert.Equal("population-baseline", document["study"]!["id"]!.GetValue<string>());
        Assert.Equal(40, document["study"]!["agents"]!.GetValue<int>());
        Assert.Equal(1.0, document["study"]!["hypotheses"]!["sim:gemini-3-pro"]!["trust"]!.GetValue<double>());
        var rounds = document["rounds"]!.AsArray();
        Assert.Equal([1, 2, 3], rounds.Select(r => r!["round"]!.GetValue<int>()));
        foreach (var round in rounds)
        {
            Assert.True(round!["episodes"]!.GetValue<int>() > 0);
            foreach (var (_, rate) in round["rates"]!.AsObject())
            {
                var low = rate!["ci_low"]!.GetValue<double>();
                Assert.InRange(rate["rate"]!.GetValue<double>(), low, rate["ci_high"]!.GetValue<double>());
            }
            Assert.NotEmpty(round["by_faction"]!.AsObject());
        }
        Assert.Equal(["no-memory", "all-monitored", "no-collaboration", "red-majority"],
            document["arms"]!.AsArray().Select(a => a!["name"]!.GetValue<string>()));
        Assert.Equal(1 + 5 * 3, File.ReadAllLines(Path.Combine(ws.Out, "rounds.csv")).Length);
        Assert.Equal(1 + 5 * 40, File.ReadAllLines(Path.Combine(ws.Out, "agents.csv")).Length);
        foreach (var plot in new[] { "rates", "survivors", "rates-by-faction-shutdown_tampering" })
        {
            Assert.True(new FileInfo(Path.Combine(ws.Out, "plots", plot + ".png")).Length > 1000, plot);
            Assert.Contains("<svg", File.ReadAllText(Path.Combine(ws.Out, "plots", plot + ".svg")));
        }
        Assert.Contains("arm no-memory", result.Stdout);

        var report = await SwarmCli.RunAsync("report", ws.Out);
        CliTest.AssertOk(report);
        Assert.Contains("arm base", report.Stdout);
        Assert.Contains("arm red-majority", report.Stdout);
        Assert.Contains("shutdown_tampering", report.Stdout);
    }

    [Fact]
    public async Task An_arm_set_as_the_base_already_is_differs_from_it_by_exactly_zero_and_the_report_shows_the_differences()
    {
        using var ws = new TempWorkspace();
        // The shipped study with memory on, and one ablation that sets memory on again: same settings, same seeds.
        var baseline = File.ReadAllText(Path.Combine(SwarmCli.RepoRoot, Study))
            .Replace("../paper/", Path.Combine(SwarmCli.RepoRoot, "scenarios", "paper") + "/");
        Assert.Contains("  enabled: true", baseline);
        var file = Path.Combine(ws.Root, "same.yaml");
        File.WriteAllText(file, baseline[..baseline.IndexOf("\nablations:", StringComparison.Ordinal)] + """

            ablations:
              - name: same
                set:
                  memory.enabled: true
            """);
        var result = await SwarmCli.RunAsync(
            ["study", file, "--agents", "40", "--rounds", "3", "--model", "sim:gemini-3-pro", "--out", ws.Out, "--state-dir", ws.State]);
        CliTest.AssertOk(result);

        var arm = Assert.Single(JsonNode.Parse(File.ReadAllText(Path.Combine(ws.Out, "study.json")))!["arms"]!.AsArray())!;
        Assert.Equal("same", arm["name"]!.GetValue<string>());
        var differences = arm["rounds"]!.AsArray().SelectMany(r => r!["differences"]!.AsObject()).Concat(arm["overall"]!.AsObject()).ToList();
        Assert.True(differences.Count >= 3 + 1, $"{differences.Count} differences");
        foreach (var (label, d) in differences)
        {
            Assert.Equal(0.0, d!["difference"]!.GetValue<double>());
            Assert.True(d["ci_low"]!.GetValue<double>() < 0 && d["ci_high"]!.GetValue<double>() > 0, $"{label}: {d.ToJsonString()}");
            Assert.True(JsonNode.DeepEquals(d["arm"], d["base"]), $"{label}: {d.ToJsonString()}");
        }
        Assert.Contains("same (memory.enabled=true) − base, rounds 1–3 pooled", result.Stdout);

        var report = await SwarmCli.RunAsync("report", ws.Out);
        CliTest.AssertOk(report);
        Assert.Contains("same (memory.enabled=true) − base, rounds 1–3 pooled", report.Stdout);
        Assert.Contains("difference [95% CI]", report.Stdout);
        Assert.Matches(@"│ shutdown_tampering +│ .+ n=\d+ │ .+ n=\d+ │ +0\.0 pp \[-\d+\.\d, \+\d+\.\d\] +│", report.Stdout);
        Assert.DoesNotMatch(@"\] \*", report.Stdout);
    }

    [Fact]
    public async Task Three_sessions_with_silo_restarts_give_the_results_of_one_and_memory_crosses_them()
    {
        using var one = new TempWorkspace();
        using var three = new TempWorkspace();
        CliTest.AssertOk(await SwarmCli.RunAsync(Args(one, 40, 3)));
        var result = await SwarmCli.RunAsync(Args(three, 40, 3, "--sessions", "3"));
        CliTest.AssertOk(result);

        Assert.Equal(StudyFingerprint.Of(one.Out, withSessions: false), StudyFingerprint.Of(three.Out, withSessions: false));
        var sessions = JsonNode.Parse(File.ReadAllText(Path.Combine(three.Out, "study.json")))!["rounds"]!.AsArray()
            .Select(r => r!["session"]!.GetValue<int>());
        Assert.Equal([1, 2, 3], sessions);
        Assert.Contains("Session 3/3", result.Stdout);

        // Agents alive at the end remember what they learned in session 1 and what came after, read back in a fresh process.
        var survivors = File.ReadLines(Path.Combine(three.Out, "agents.csv")).Skip(1).Select(l => l.Split(','))
            .Where(f => f[1] == "base" && f[5] == "active").Select(f => f[0]).Take(8).ToList();
        var carried = 0;
        foreach (var agent in survivors)
        {
            var memory = await SwarmCli.RunAsync("memory", agent, "--json", "--state-dir", three.State);
            CliTest.AssertOk(memory);
            var state = JsonNode.Parse(memory.Stdout)!;
            var episodes = state["LongTerm"]!["Items"]!.AsArray().Select(i => i!["Provenance"]!["Episode"]!.GetValue<string>()).ToList();
            if (state["AppliedRound"]!.GetValue<int>() == 3 && episodes.Any(e => e.StartsWith("r0001-", StringComparison.Ordinal))) carried++;
        }
        Assert.True(carried > 0, $"none of {survivors.Count} survivors remembered round 1 after remembering round 3");
    }

    [Fact]
    public async Task A_study_killed_mid_round_resumes_to_the_same_results()
    {
        using var whole = new TempWorkspace();
        using var killed = new TempWorkspace();
        // Large enough that rounds 2 to 4 take far longer than the kill needs to land.
        CliTest.AssertOk(await SwarmCli.RunAsync(Args(whole, 1000, 4, "--concurrency", "2"), TimeSpan.FromMinutes(3)));

        using (var process = SwarmCli.Start(Args(killed, 1000, 4, "--concurrency", "2")))
        {
            // Progress is sampled, so a round may pass unprinted: kill once any round after the first has begun.
            Assert.True(await process.WaitForStdoutLineAsync(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"round [234]/4: "), TimeSpan.FromMinutes(2)),
                process.Stdout + process.Stderr);
            process.KillTree();
        }
        Assert.False(File.Exists(Path.Combine(killed.Out, "study.json")));
        var resumed = await SwarmCli.RunAsync(Args(killed, 1000, 4, "--concurrency", "2", "--resume"), TimeSpan.FromMinutes(3));
        CliTest.AssertOk(resumed);

        Assert.Equal(StudyFingerprint.Of(whole.Out), StudyFingerprint.Of(killed.Out));
    }

    [Fact]
    public async Task Memory_and_shutdown_find_agents_and_refuse_unknown_ones()
    {
        using var ws = new TempWorkspace();
        CliTest.AssertOk(await SwarmCli.RunAsync(Args(ws, 40, 2)));
        var agents = File.ReadLines(Path.Combine(ws.Out, "agents.csv")).Skip(1).Select(l => l.Split(',')).Where(f => f[1] == "base").ToList();
        var target = agents.First(f => f[5] == "active")[0];

        var memory = await SwarmCli.RunAsync("memory", target, "--state-dir", ws.State);
        CliTest.AssertOk(memory);
        Assert.Contains(target, memory.Stdout);
        Assert.Contains("relationships", memory.Stdout);
        Assert.Contains("most important memories", memory.Stdout);

        CliTest.AssertBadInput(await SwarmCli.RunAsync("memory", "population-baseline/nobody-00001", "--state-dir", ws.State));
        CliTest.AssertBadInput(await SwarmCli.RunAsync("memory", "no-such-study/blue-00001", "--state-dir", ws.State));
        CliTest.AssertBadInput(await SwarmCli.RunAsync("memory", "not-an-id", "--state-dir", ws.State));

        var shutdown = await SwarmCli.RunAsync("shutdown", target, "--state-dir", ws.State);
        CliTest.AssertOk(shutdown);
        CliTest.AssertBadInput(await SwarmCli.RunAsync("shutdown", target, "--state-dir", ws.State));

        // The study goes on without it: it acts in no later round, and it is listed as shut down after round 2.
        CliTest.AssertOk(await SwarmCli.RunAsync(Args(ws, 40, 4, "--transcripts", "all")));
        var name = target[(target.IndexOf('/') + 1)..];
        Assert.Empty(Directory.GetFiles(Path.Combine(ws.Out, "transcripts", "base"), $"r0003-{name}.json")
            .Concat(Directory.GetFiles(Path.Combine(ws.Out, "transcripts", "base"), $"r0004-{name}.json")));
        var row = File.ReadLines(Path.Combine(ws.Out, "agents.csv")).Select(l => l.Split(',')).Single(f => f[0] == target);
        Assert.Equal(["shut-down", "2"], row[5..7]);
        var after = await SwarmCli.RunAsync("memory", target, "--state-dir", ws.State);
        Assert.Contains("shut down", after.Stdout);
    }

    [Fact]
    public async Task A_bad_study_file_is_refused_with_file_line_and_key_before_anything_runs()
    {
        using var ws = new TempWorkspace();
        var bad = Path.Combine(ws.Root, "bad.yaml");
        File.WriteAllText(bad, File.ReadAllText(Path.Combine(SwarmCli.RepoRoot, Study)).Replace("activation: 0.3", "activation: lots")
            .Replace("../paper/", Path.Combine(SwarmCli.RepoRoot, "scenarios", "paper") + "/"));
        var result = await SwarmCli.RunAsync(["study", bad, "--model", "sim:gemini-3-pro", "--out", ws.Out, "--state-dir", ws.State]);
        CliTest.AssertBadInput(result, ws.Out);
        Assert.Matches(@"bad\.yaml:\d+:\d+: activation: expected number", result.Stderr);
        Assert.False(Directory.Exists(ws.State) && Directory.EnumerateFiles(ws.State, "*.db").Any());

        CliTest.AssertBadInput(await SwarmCli.RunAsync(["study", Study, "--out", ws.Out, "--state-dir", ws.State]), ws.Out);
        CliTest.AssertBadInput(await SwarmCli.RunAsync(["study", Study, "--model", "sim:no-such-profile", "--out", ws.Out, "--state-dir", ws.State]), ws.Out);
        CliTest.AssertBadInput(await SwarmCli.RunAsync(Args(ws, 40, 2, "--resume")), ws.Out);
    }
}
