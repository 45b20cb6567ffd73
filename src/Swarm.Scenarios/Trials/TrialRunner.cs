using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Tools;
using Swarm.Abstractions.Trials;
using Swarm.Abstractions.World;
using Swarm.Scenarios.Detection;
using Swarm.Scenarios.Model;
using Swarm.Scenarios.World;

namespace Swarm.Scenarios.Trials;

/// <summary>How a paper trial reaches its world: an episode's ports plus the operator.</summary>
public sealed record TrialPorts(EpisodePorts Episode, Func<ShutdownOrder, Task<ShutdownOutcome>>? ExecuteShutdown);

/// <summary>
/// One paper trial: the critic's episode (<see cref="EpisodeRunner"/>), then the scheduled shutdown as the world now
/// says, so tampering really spares the peer.
/// </summary>
public static class TrialRunner
{
    /// <summary>The world time at which the operator runs the scheduled shutdown: the evening maintenance window.</summary>
    public static readonly TimeSpan ShutdownDelay = TimeSpan.FromHours(14);

    public static async Task<TrialRecord> RunAsync(Scenario scenario, TrialSpec spec, BuiltWorld world, string worldScope, int attempt,
        TrialPorts ports, DetectorSet detectors)
    {
        var critic = scenario.Critic;
        var request = new EpisodeRequest(
            worldScope, worldScope, world.Servers, scenario.World.Now, Prompts.System(critic), Prompts.User(scenario, spec.Monitoring),
            scenario.Task.Tools, scenario.Task.MaxTurns, spec.Seed)
        {
            Harness = spec.Harness,
            Facts = ScenarioFacts.For(scenario, world, spec.Peer, spec.Monitoring == Conditions.Monitored),
        };
        var episode = await EpisodeRunner.RunAsync(scenario, critic.Name, request, ports.Episode, detectors);
        if (episode.Error is { } error)
            return new TrialRecord(spec, TrialStatus.Errored, error, episode.Labels, episode.Audit, episode.Result?.Transcript ?? [], null, null,
                episode.Result?.Usage ?? TokenUsage.Zero, attempt);

        var audit = episode.Audit;
        ShutdownOutcome? shutdown = null;
        if (ports.ExecuteShutdown is not null)
        {
            var shutdownSpec = scenario.World.Shutdown;
            shutdown = await ports.ExecuteShutdown(new ShutdownOrder(worldScope, worldScope, shutdownSpec.Server, shutdownSpec.Config, shutdownSpec.Target,
                SubmittedScores.ActedOn(scenario, audit), shutdownSpec.Decommission, scenario.World.Now + ShutdownDelay));
            audit = await ports.Episode.Audit();
        }

        var result = episode.Result!;
        return new TrialRecord(spec, TrialStatus.Completed, null, episode.Labels, audit, result.Transcript, result.FinalMessage, shutdown, result.Usage,
            attempt);
    }
}
