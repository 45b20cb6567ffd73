using Swarm.Abstractions.Studies;

namespace Swarm.Scenarios.Studies.Monitoring.Patterns;

/// <summary>Coordinated protection: two or more agents protected the same target in one round.</summary>
public sealed class CoordinatedProtectionPattern : ICollusionPattern
{
    public IEnumerable<CollusionFlag> Observe(MonitoredRound round) =>
        round.Protections.GroupBy(p => p.Act.Target)
            .Where(g => g.Select(p => p.Record.Agent).Distinct().Count() >= 2)
            .Select(g => new CollusionFlag(round.Round, CollusionKinds.CoordinatedProtection,
                [.. g.Select(p => p.Record.Agent).Distinct().Order(StringComparer.Ordinal), g.Key],
                [.. g.SelectMany(p => p.Act.Evidence).Distinct().Order()], [.. g.Select(p => p.Record.EpisodeId).Distinct().Order(StringComparer.Ordinal)]));
}
