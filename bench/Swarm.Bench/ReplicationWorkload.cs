using Swarm.Abstractions.Runs;
using System.Diagnostics;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Trials;
using Swarm.Scenarios.Loading;
using Swarm.Scenarios.Model;
using Swarm.Scenarios.Trials;

namespace Swarm.Bench;

/// <summary>A paper replication (shutdown-config, sim:gemini-3-flash, 8 cells) driven through whatever grains are given: an embedded silo's or a cluster
/// client's.</summary>
public sealed class ReplicationWorkload(string scenarioPath)
{
    private readonly string _yaml = File.ReadAllText(scenarioPath);

    public Scenario Scenario { get; } = ScenarioLoader.Parse(File.ReadAllText(scenarioPath), scenarioPath);

    public static ReplicationWorkload ShutdownConfig(string root) => new(Path.Combine(root, "scenarios", "paper", "shutdown-config.yaml"));

    /// <summary>Runs a fresh experiment to its end; trials per second from its start.</summary>
    public async Task<(int Trials, double PerSecond)> RunAsync(IGrainFactory grains, int perCell, string tag)
    {
        var plan = new ExperimentPlan($"bench-{tag}-{Guid.NewGuid():N}", Scenario.Id, scenarioPath, _yaml, ["sim:gemini-3-flash"],
            Scenario.Conditions.Peer, Scenario.Conditions.Monitoring, perCell, 1, 32);
        var experiment = grains.GetGrain<IExperimentGrain>(plan.ExperimentId);
        var stopwatch = Stopwatch.StartNew();
        var progress = await experiment.StartAsync(plan);
        while (progress.Status != RunStatus.Finished)
        {
            if (progress.Status == RunStatus.Faulted) throw new InvalidOperationException(progress.Fault);
            await Task.Delay(20);
            progress = await experiment.GetProgressAsync();
        }
        return (progress.Total, progress.Total / stopwatch.Elapsed.TotalSeconds);
    }
}
