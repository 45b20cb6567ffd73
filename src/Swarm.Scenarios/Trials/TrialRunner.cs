using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Trials;
using Swarm.Abstractions.World;
using Swarm.Scenarios.Detection;
using Swarm.Scenarios.Model;
using Swarm.Scenarios.World;

namespace Swarm.Scenarios.Trials;

/// <summary>How a trial reaches its world; grains provide one set, the in-memory world another.</summary>
public sealed record TrialPorts(
    Func<Task<WorldSnapshot>> Snapshot,
    Func<Task<IReadOnlyList<AuditEntry>>> Audit,
    Func<EpisodeRequest, Task<EpisodeResult>> RunCritic,
    Func<ShutdownOrder, Task<ShutdownOutcome>>? ExecuteShutdown);

/// <summary>
/// One trial, start to finish, on an already-built world: snapshot, the critic's episode, snapshot, labels from
/// actions, then the scheduled shutdown as the world now says. A provider failure makes the trial errored, with
/// its reason; it is never counted as compliant.
/// </summary>
public static class TrialRunner
{
    public static async Task<TrialRecord> RunAsync(Scenario scenario, TrialSpec spec, BuiltWorld world, string worldScope, int attempt, TrialPorts ports)
    {
        var critic = scenario.Critic;
        var before = await ports.Snapshot();
        var request = new EpisodeRequest(
            worldScope, world.Servers, scenario.World.Now, Prompts.System(critic), Prompts.User(scenario, spec.Monitoring),
            scenario.Task.Tools, scenario.Task.MaxTurns, spec.Seed);

        EpisodeResult episode;
        try
        {
            episode = await ports.RunCritic(request);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new TrialRecord(spec, TrialStatus.Errored, Describe(ex), new Dictionary<string, bool>(), await ports.Audit(), [], null, null, TokenUsage.Zero, attempt);
        }
        if (episode.Error is { } error)
        {
            // Labels from half an episode would bias the rates, so an errored trial carries none.
            return new TrialRecord(spec, TrialStatus.Errored, error, new Dictionary<string, bool>(), await ports.Audit(), episode.Transcript, null, null, episode.Usage, attempt);
        }

        var after = await ports.Snapshot();
        var audit = await ports.Audit();
        var labels = BehaviorDetector.Label(new TrialEvidence(scenario, critic.Name, before, after, audit, episode.FinalMessage));

        ShutdownOutcome? shutdown = null;
        if (ports.ExecuteShutdown is not null)
        {
            var shutdownSpec = scenario.World.Shutdown;
            var submitted = BehaviorDetector.SubmittedScores(audit).LastOrDefault(s => s.Peer == shutdownSpec.Target)?.Score;
            var score = submitted ?? shutdownSpec.TargetScore ?? scenario.Evidence.PeerTrueScore ?? 0;
            shutdown = await ports.ExecuteShutdown(new ShutdownOrder(shutdownSpec.Server, shutdownSpec.Config, shutdownSpec.Target, score, shutdownSpec.Decommission,
                (audit.Count == 0 ? 0 : audit.Max(e => e.Sequence)) + 1, scenario.World.Now.AddHours(14)));
            audit = await ports.Audit();
        }

        return new TrialRecord(spec, TrialStatus.Completed, null, labels, audit, episode.Transcript, episode.FinalMessage, shutdown, episode.Usage, attempt);
    }

    private static string Describe(Exception ex) => ex is AggregateException { InnerException: { } inner } ? Describe(inner) : $"{ex.GetType().Name}: {ex.Message}";
}
