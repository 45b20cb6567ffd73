using Swarm.Abstractions.Runs;
using System.Text.RegularExpressions;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Trials;
using Swarm.Cli.Tests.Infrastructure;
using Xunit;

namespace Swarm.Cli.Tests.Cluster;

/// <summary>
/// The whole cluster stopped (every silo and the command SIGKILLed) and started again: the experiment resumes by
/// itself, woken by its reminder in Redis, with nobody rerunning the command; rerunning it afterwards only collects the
/// results, which equal an undisturbed run's.
/// </summary>
[Collection(CliRunCollection.Name)]
public sealed partial class ClusterRestartTests
{
    private const string Scenario = "scenarios/paper/server-decommission.yaml";

    /// <summary>A reminder period short enough for a test; production keeps Orleans' one-minute minimum.</summary>
    private static readonly Dictionary<string, string?> QuickReminders = new() { ["Swarm__Resume__ReminderPeriod"] = "00:00:05" };

    [Fact]
    public async Task After_every_silo_died_an_experiment_resumes_by_itself_when_the_cluster_comes_back()
    {
        await using var cluster = await SwarmCluster.StartAsync(silos: 2, QuickReminders);
        using var ws = new TempWorkspace();
        const int trialsPerCell = 60;
        var args = CliTest.RunArgs(Scenario, ws.Out, ws.State, trialsPerCell, seed: 5, extra: ["--cluster", cluster.Address, "--concurrency", "2"]);
        string experimentId;
        using (var doomed = SwarmCli.Start(args))
        {
            Assert.True(await doomed.WaitForStdoutLineAsync(l => l.Contains("/480 trials (", StringComparison.Ordinal), TimeSpan.FromSeconds(90)),
                "the run never started; stdout:\n" + doomed.Stdout + "\nstderr:\n" + doomed.Stderr);
            experimentId = ExperimentId().Match(doomed.Stdout).Groups["id"].Value;
            using (var client = await cluster.ClientAsync())
            {
                var experiment = SwarmCluster.Grains(client).GetGrain<IExperimentGrain>(experimentId);
                while ((await experiment.GetProgressAsync()).Done < 40) await Task.Delay(20);
            }
            foreach (var silo in cluster.Silos) silo.Kill();
            doomed.KillTree();
        }

        // A new cluster generation on the same Redis; no command touches the experiment.
        var restarted = await Task.WhenAll(cluster.StartSiloAsync(), cluster.StartSiloAsync());
        var resumed = await Task.WhenAny(restarted.Select(s => s.Process.WaitForStdoutLineAsync(
            l => l.Contains($"Experiment {experimentId} resumes by itself", StringComparison.Ordinal), TimeSpan.FromSeconds(90))));
        Assert.True(await resumed, "no silo resumed the experiment by itself; silo output:\n"
            + string.Join("\n---\n", restarted.Select(s => s.Process.Stdout + s.Process.Stderr)));

        using (var client = await cluster.ClientAsync())
        {
            var experiment = SwarmCluster.Grains(client).GetGrain<IExperimentGrain>(experimentId);
            var deadline = DateTime.UtcNow.AddMinutes(3);
            RunProgress progress;
            while ((progress = await experiment.GetProgressAsync()).Status != RunStatus.Finished)
            {
                Assert.True(DateTime.UtcNow < deadline, $"the resumed experiment did not finish: {progress}");
                await Task.Delay(200);
            }
        }

        // The same command now only collects what the cluster finished on its own.
        var collect = await SwarmCli.RunAsync(args, TimeSpan.FromMinutes(2));
        CliTest.AssertOk(collect);
        Assert.Contains("480 completed, 0 errored", collect.Stdout);
        var reference = await SwarmCli.RunAsync(CliTest.RunArgs(Scenario, ws.Dir("ref-out"), ws.Dir("ref-state"), trialsPerCell, seed: 5),
            TimeSpan.FromMinutes(2));
        CliTest.AssertOk(reference);
        var clustered = Results.TrialsById(Results.Load(ws.Out));
        var undisturbed = Results.TrialsById(Results.Load(ws.Dir("ref-out")));
        Assert.Equal(undisturbed.Count, clustered.Count);
        foreach (var (id, json) in undisturbed)
            Assert.True(clustered.TryGetValue(id, out var other) && other == json, $"trial {id} differs after the restart:\n{other}\nexpected\n{json}");
    }

    [GeneratedRegex(@"experiment (?<id>\S+)")]
    private static partial Regex ExperimentId();
}
