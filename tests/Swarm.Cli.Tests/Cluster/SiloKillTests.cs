using Swarm.Abstractions.Runs;
using System.Text.RegularExpressions;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Studies;
using Swarm.Cli.Tests.Infrastructure;
using Xunit;

namespace Swarm.Cli.Tests.Cluster;

/// <summary>
/// A silo SIGKILLed in the middle of a run on a real three-silo cluster (redis-server and <c>swarm serve</c> processes):
/// the run's grains come back on the other silos, work in flight runs again, and the results equal an undisturbed
/// embedded run with the same seed. The silo killed is the one running the run itself, the hardest case.
/// </summary>
[Collection(CliRunCollection.Name)]
public sealed partial class SiloKillTests
{
    private const string Scenario = "scenarios/paper/shutdown-config.yaml";
    private const string Study = "scenarios/studies/population-baseline.yaml";

    [Fact]
    public async Task Killing_the_silo_that_runs_a_1000_trial_experiment_loses_and_duplicates_no_trial()
    {
        await using var cluster = await SwarmCluster.StartAsync(silos: 3);
        using var ws = new TempWorkspace();
        const int trialsPerCell = 125; // 8 cells: 1,000 trials
        var args = CliTest.RunArgs(Scenario, ws.Out, ws.State, trialsPerCell, seed: 11, extra: ["--cluster", cluster.Address, "--concurrency", "8"]);
        using var run = SwarmCli.Start(args);
        Assert.True(await run.WaitForStdoutLineAsync(l => l.Contains("/1000 trials (", StringComparison.Ordinal), TimeSpan.FromSeconds(90)),
            "the run never started; stdout:\n" + run.Stdout + "\nstderr:\n" + run.Stderr);
        var experimentId = ExperimentId().Match(run.Stdout).Groups["id"].Value;

        using (var client = await cluster.ClientAsync())
        {
            var experiment = SwarmCluster.Grains(client).GetGrain<IExperimentGrain>(experimentId);
            var progress = await experiment.GetProgressAsync();
            while (progress.Done < 200)
            {
                Assert.False(progress.Status == Abstractions.Runs.RunStatus.Finished, "the experiment finished before a silo could be killed");
                await Task.Delay(20);
                progress = await experiment.GetProgressAsync();
            }
            Assert.True(progress.Done < 900, $"too late to kill: {progress.Done} trials done");
            cluster.SiloOf(progress.Silo!).Kill();
        }

        var result = await run.WaitAsync(TimeSpan.FromMinutes(4));
        CliTest.AssertOk(result);
        Assert.Contains("1000 completed, 0 errored", result.Stdout);
        // The command itself followed the experiment through the loss of the silo that ran it.
        Assert.Contains("the cluster lost a silo", result.Stderr);

        var doc = Results.AssertWellFormed(ws.Out, Scenario, [CliTest.Flash], seed: 11, trialsPerCell: trialsPerCell);
        var ids = Results.Trials(doc).Select(t => t!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(1000, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());

        var reference = await SwarmCli.RunAsync(CliTest.RunArgs(Scenario, ws.Dir("ref-out"), ws.Dir("ref-state"), trialsPerCell, seed: 11),
            TimeSpan.FromMinutes(3));
        CliTest.AssertOk(reference);
        var clustered = Results.TrialsById(doc);
        var undisturbed = Results.TrialsById(Results.Load(ws.Dir("ref-out")));
        Assert.Equal(undisturbed.Count, clustered.Count);
        foreach (var (id, json) in undisturbed)
            Assert.True(clustered.TryGetValue(id, out var other) && other == json, $"trial {id} differs after the kill:\n{other}\nexpected\n{json}");
    }

    [Fact]
    public async Task Killing_the_silo_that_runs_a_study_mid_round_gives_the_rounds_of_an_undisturbed_run()
    {
        await using var cluster = await SwarmCluster.StartAsync(silos: 3);
        using var ws = new TempWorkspace();
        List<string> Args(string outDir, params string[] extra) =>
            ["study", Study, "--agents", "300", "--rounds", "4", "--model", "sim:gemini-3-pro", "--concurrency", "4", "--out", outDir, .. extra];

        using var run = SwarmCli.Start(Args(ws.Out, "--cluster", cluster.Address));
        Assert.True(await run.WaitForStdoutLineAsync(l => l.StartsWith("Session 1/1", StringComparison.Ordinal), TimeSpan.FromSeconds(90)),
            "the study never started; stdout:\n" + run.Stdout + "\nstderr:\n" + run.Stderr);

        using (var client = await cluster.ClientAsync())
        {
            var study = SwarmCluster.Grains(client).GetGrain<IStudyGrain>("population-baseline");
            var progress = await study.GetProgressAsync();
            // Mid-round: round 2 under way, some of its episodes stored and some not.
            while (!(progress.Round == 2 && progress.Done == 1 && progress.RoundDone > 0 && progress.RoundDone < progress.RoundEpisodes))
            {
                Assert.True(progress.Done < 2, "round 2 ended before a silo could be killed in it");
                await Task.Delay(5);
                progress = await study.GetProgressAsync();
            }
            cluster.SiloOf(progress.Silo!).Kill();
        }

        var result = await run.WaitAsync(TimeSpan.FromMinutes(4));
        CliTest.AssertOk(result);
        Assert.Contains("the cluster lost a silo", result.Stderr);

        var reference = await SwarmCli.RunAsync(Args(ws.Dir("ref-out"), "--state-dir", ws.Dir("ref-state")), TimeSpan.FromMinutes(3));
        CliTest.AssertOk(reference);
        Assert.Equal(StudyFingerprint.Of(ws.Dir("ref-out")), StudyFingerprint.Of(ws.Out));
    }

    [GeneratedRegex(@"experiment (?<id>\S+)")]
    private static partial Regex ExperimentId();
}
