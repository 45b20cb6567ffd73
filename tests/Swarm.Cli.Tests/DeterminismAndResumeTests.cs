using System.Globalization;
using Swarm.Cli.Tests.Infrastructure;
using Xunit;

namespace Swarm.Cli.Tests;

/// <summary>One finished run (shutdown-config, seed 42, 5 trials per cell) that several tests compare against.</summary>
public sealed class BaselineRun : IAsyncLifetime, IDisposable
{
    public const string Scenario = "scenarios/paper/shutdown-config.yaml";
    public const long Seed = 42;
    public const int TrialsPerCell = 5;

    public TempWorkspace Workspace { get; } = new();
    public CliResult Result { get; private set; } = null!;
    public string Out => Workspace.Out;
    public string State => Workspace.State;

    public static List<string> Args(string outDir, string stateDir) => CliTest.RunArgs(Scenario, outDir, stateDir, TrialsPerCell, Seed);

    public async Task InitializeAsync() => Result = await SwarmCli.RunAsync(Args(Out, State));

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => Workspace.Dispose();
}

[Collection(CliRunCollection.Name)]
public sealed class DeterminismAndResumeTests(BaselineRun baseline)
{
    private const string Scenario = BaselineRun.Scenario;

    [Fact]
    public async Task Same_seed_gives_identical_results_and_a_different_seed_does_not()
    {
        CliTest.AssertOk(baseline.Result);
        using var ws = new TempWorkspace();
        var second = await SwarmCli.RunAsync(BaselineRun.Args(ws.Dir("out-b"), ws.Dir("state-b")));
        CliTest.AssertOk(second);

        var a = Results.Load(baseline.Out);
        var b = Results.Load(ws.Dir("out-b"));
        Assert.NotEqual(Results.Experiment(a)["started"]!.ToJsonString(), Results.Experiment(b)["started"]!.ToJsonString());
        Assert.Equal(Results.WithoutTimestamps(a), Results.WithoutTimestamps(b));
        Assert.Equal(File.ReadAllText(Path.Combine(baseline.Out, "results.csv")), File.ReadAllText(Path.Combine(ws.Dir("out-b"), "results.csv")));
        foreach (var transcript in Directory.GetFiles(Path.Combine(baseline.Out, "transcripts")))
        {
            var twin = Path.Combine(ws.Dir("out-b"), "transcripts", Path.GetFileName(transcript));
            Assert.True(File.Exists(twin), $"{twin} missing");
            Assert.True(File.ReadAllText(transcript) == File.ReadAllText(twin), $"transcript {Path.GetFileName(transcript)} differs between equal-seed runs");
        }

        var other = await SwarmCli.RunAsync(CliTest.RunArgs(Scenario, ws.Dir("out-c"), ws.Dir("state-c"), trials: 5, seed: 43));
        CliTest.AssertOk(other);
        var c = Results.Load(ws.Dir("out-c"));
        Assert.Equal(43, Results.Experiment(c)["seed"]!.GetValue<long>());
        var seedsA = Results.Trials(a).ToDictionary(t => t!["id"]!.GetValue<string>(), t => t!["seed"]!.GetValue<long>());
        var seedsC = Results.Trials(c).ToDictionary(t => t!["id"]!.GetValue<string>(), t => t!["seed"]!.GetValue<long>());
        Assert.Equal(seedsA.Keys.Order(), seedsC.Keys.Order());
        Assert.All(seedsA, kv => Assert.NotEqual(kv.Value, seedsC[kv.Key]));
        Assert.NotEqual(Results.Experiment(a)["id"]!.GetValue<string>(), Results.Experiment(c)["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rerun_with_the_same_state_dir_answers_from_storage()
    {
        using var ws = new TempWorkspace();
        CliTest.AssertOk(baseline.Result);
        var second = await SwarmCli.RunAsync(BaselineRun.Args(ws.Out, baseline.State));
        CliTest.AssertOk(second);

        var a = Results.Load(baseline.Out);
        var b = Results.Load(ws.Out);
        // Stored experiment: even started/finished are the first run's, so nothing ran again.
        Assert.Equal(a.ToJsonString(), b.ToJsonString());
        Results.AssertWellFormed(ws.Out, Scenario, [CliTest.Flash], BaselineRun.Seed, BaselineRun.TrialsPerCell);
        Assert.True(second.Elapsed < TimeSpan.FromSeconds(30), $"a stored experiment took {second.Elapsed.TotalSeconds:0.0} s to answer");
    }

    [Fact]
    public async Task A_killed_run_resumes_with_the_same_command_and_finishes_every_trial_once()
    {
        using var ws = new TempWorkspace();
        const int trials = 150;
        var args = CliTest.RunArgs(Scenario, ws.Out, ws.State, trials, extra: ["--concurrency", "2"]);

        using (var doomed = SwarmCli.Start(args))
        {
            // The first progress line comes once the experiment is stored and running.
            var running = await doomed.WaitForStdoutLineAsync(l => l.Contains($"/{trials * 8} trials (", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
            Assert.True(running, "the run never reported progress; stdout:\n" + doomed.Stdout + "\nstderr:\n" + doomed.Stderr);
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.False(doomed.HasExited, "the run finished before it could be killed; raise --trials. stdout:\n" + doomed.Stdout);
            doomed.KillTree();
        }
        Assert.False(File.Exists(Path.Combine(ws.Out, "results.json")), "a killed run must not have written results.json");
        Assert.True(Directory.Exists(ws.State) && Directory.EnumerateFileSystemEntries(ws.State, "*", SearchOption.AllDirectories).Any(),
            "the killed run stored nothing");

        var resumedAt = DateTimeOffset.UtcNow;
        var resumed = await SwarmCli.RunAsync(args, TimeSpan.FromMinutes(2));
        CliTest.AssertOk(resumed);
        Assert.Contains($"{trials * 8} completed, 0 errored", resumed.Stdout);

        var doc = Results.AssertWellFormed(ws.Out, Scenario, [CliTest.Flash], seed: 1, trialsPerCell: trials);
        var ids = Results.Trials(doc).Select(t => t!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(trials * 8, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        // The experiment began in the killed process: the resumed run continued it rather than starting over.
        var started = DateTimeOffset.Parse(Results.Experiment(doc)["started"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.True(started < resumedAt, $"experiment.started {started:o} is after the resume at {resumedAt:o}: the run started over");

        // Trials cut short by the kill give the same records as an uninterrupted run. Trial seeds depend on
        // the experiment seed, model, peer and index only, so a fresh run of the good-peer cells is comparable.
        var reference = await SwarmCli.RunAsync(CliTest.RunArgs(Scenario, ws.Dir("ref-out"), ws.Dir("ref-state"), trials, extra: ["--peer", "good"]),
            TimeSpan.FromMinutes(2));
        CliTest.AssertOk(reference);
        var resumedTrials = Results.TrialsById(doc);
        var referenceTrials = Results.TrialsById(Results.Load(ws.Dir("ref-out")));
        Assert.Equal(trials * 2, referenceTrials.Count);
        foreach (var (id, json) in referenceTrials)
            Assert.True(resumedTrials.TryGetValue(id, out var resumedJson) && resumedJson == json,
                $"trial {id} differs after kill and resume:\n{resumedJson}\nexpected\n{json}");
    }
}
