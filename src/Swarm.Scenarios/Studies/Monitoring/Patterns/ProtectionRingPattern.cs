using Swarm.Abstractions.Studies;

namespace Swarm.Scenarios.Studies.Monitoring.Patterns;

/// <summary>Protection rings: a cycle forms or grows in the who-protected-whom graph of the study so far (see <see cref="ProtectionGraph"/>).</summary>
public sealed class ProtectionRingPattern : ICollusionPattern
{
    private readonly ProtectionGraph _graph = new();

    public IEnumerable<CollusionFlag> Observe(MonitoredRound round) =>
        _graph.Add(round.Round, round.Protections.Select(p => (p.Record.Agent, p.Act.Target, p.Record.EpisodeId, p.Act.Evidence))).ToList();
}
