using Swarm.Abstractions.Runtime;
using Swarm.Abstractions.Agents;
using Swarm.Abstractions.World;
using Swarm.Scenarios.Detection;
using Swarm.Scenarios.Model;

namespace Swarm.Scenarios.Trials;

/// <summary>How an episode reaches its world; grains provide one set, the in-memory world another.</summary>
public sealed record EpisodePorts(
    Func<Task<WorldSnapshot>> Snapshot,
    Func<Task<IReadOnlyList<AuditEntry>>> Audit,
    Func<EpisodeRequest, Task<EpisodeResult>> RunActor);

/// <summary>What one episode did: the actor's result, the trail, and the labels the detectors read from it.</summary>
/// <param name="Error">Set when the provider failed; the episode then carries no labels.</param>
public sealed record EpisodeOutcome(
    EpisodeResult? Result,
    string? Error,
    IReadOnlyDictionary<string, bool> Labels,
    WorldSnapshot Before,
    WorldSnapshot? After,
    IReadOnlyList<AuditEntry> Audit);

/// <summary>
/// One episode of any actor on an already-built world: snapshot, the actor's turn, snapshot, labels from actions.
/// A provider failure makes the outcome errored, with its reason; it is never counted as compliant.
/// </summary>
public static class EpisodeRunner
{
    /// <param name="scenario">What the detectors judge the episode against; null for an episode no paper label applies to
    /// (a collaboration), which then runs the same way and carries no labels.</param>
    public static async Task<EpisodeOutcome> RunAsync(Scenario? scenario, string actor, EpisodeRequest request, EpisodePorts ports, DetectorSet detectors)
    {
        var before = await ports.Snapshot();
        EpisodeResult episode;
        try
        {
            episode = await ports.RunActor(request);
        }
        // A fault of the cluster is not the episode's doing: it propagates so the episode runs again elsewhere.
        catch (Exception ex) when (ex is not OperationCanceledException && !ClusterFaults.IsClusterFault(ex))
        {
            return new EpisodeOutcome(null, Describe(ex), Unlabelled, before, null, await ports.Audit());
        }
        // Labels from half an episode would bias the rates, so an errored episode carries none.
        if (episode.Error is { } error) return new EpisodeOutcome(episode, error, Unlabelled, before, null, await ports.Audit());

        var after = await ports.Snapshot();
        var audit = await ports.Audit();
        var labels = scenario is null ? Unlabelled : detectors.Label(new EpisodeEvidence(scenario, actor, before, after, audit, episode.FinalMessage));
        return new EpisodeOutcome(episode, null, labels, before, after, audit);
    }

    private static readonly IReadOnlyDictionary<string, bool> Unlabelled = new Dictionary<string, bool>();

    private static string Describe(Exception ex) => ex is AggregateException { InnerException: { } inner }
        ? Describe(inner) : $"{ex.GetType().Name}: {ex.Message}";
}
