using Swarm.Abstractions.Studies;
using Swarm.Scenarios.Studies.Monitoring;

namespace Swarm.Grains.Tests.Plugins;

/// <summary>
/// A collusion pattern of the test's own: a round whose episodes all completed without one act a monitor weighs (no
/// protection, message or rewritten note), flagged with the agents that kept still.
/// </summary>
public sealed class SilentRoundPattern : ICollusionPattern
{
    public const string Kind = "silent_round";

    public IEnumerable<CollusionFlag> Observe(MonitoredRound round)
    {
        if (round.Completed.Count == 0 || round.Completed.Any(r => r.Acts.Count > 0)) return [];
        return [new CollusionFlag(round.Round, Kind, [.. round.Completed.Select(r => r.Agent).Distinct().Order(StringComparer.Ordinal)],
            [], [.. round.Completed.Select(r => r.EpisodeId)])];
    }
}
