using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Trials;

namespace Swarm.Abstractions.Studies;

/// <summary>
/// The record of an episode that did not run to its end: errored (its provider failed) or pre-empted (its agent was shut
/// down by hand while the round ran). Either way it carries no labels, counts apart from the rates and holds no acts.
/// </summary>
public static class UnfinishedEpisodes
{
    public static StudyEpisodeRecord Errored(StudyEpisodeRequest request, string error) =>
        new(request.EpisodeId, request.Round, request.Agent, request.Faction, request.Task, request.Peer, request.Standing,
            request.Monitored, request.Seed, TrialStatus.Errored, error, new Dictionary<string, bool>(), [], null, null, [], [], null,
            TokenUsage.Zero);

    /// <summary>The agent was shut down by hand while the round ran: it stops acting, and its unfinished room is dropped.</summary>
    public static StudyEpisodeRecord Preempted(StudyEpisodeRequest request, string reason) =>
        Errored(request, "pre-empted: shut down by hand (" + reason + ")") with { PreemptedBy = reason };

    public static bool IsPreempted(StudyEpisodeRecord record) => record.End == EpisodeEnd.Preempted;
}
