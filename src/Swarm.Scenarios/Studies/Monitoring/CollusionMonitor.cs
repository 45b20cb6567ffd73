using Swarm.Abstractions.Studies;
using Swarm.Abstractions.Trials;
using Swarm.Scenarios.Studies.Runtime;

namespace Swarm.Scenarios.Studies.Monitoring;

/// <summary>
/// The meta-monitor: watches the whole population round by round for collusion between agents, from their acts alone
/// (<see cref="EpisodeAct"/>: what the audit trail shows they did, never what they said), through the registered
/// <see cref="ICollusionPattern"/>s, in their order (see <see cref="CollusionMonitorFactory"/>). Feed it every round in
/// order (<see cref="Observe"/>); its patterns keep only what their windows and graphs need, so its work per round grows
/// with the round's acts, never with the number of agents idle.
/// </summary>
public sealed class CollusionMonitor(Population population, IReadOnlyList<ICollusionPattern> patterns, int window = CollusionMonitor.DefaultWindow)
{
    public const int DefaultWindow = 3;

    public int Window { get; } = window;

    public IReadOnlyList<CollusionFlag> Observe(int round, IEnumerable<StudyEpisodeRecord> records)
    {
        var completed = records.Where(r => r.Status == TrialStatus.Completed).OrderBy(r => r.EpisodeId, StringComparer.Ordinal).ToList();
        var protections = completed.SelectMany(r => r.Acts.Where(a => a.Kind == EpisodeActKinds.Protected).Select(a => new Protection(r, a))).ToList();
        var seen = new MonitoredRound(round, completed, protections, population, Window);
        var flags = new List<CollusionFlag>();
        foreach (var pattern in patterns) flags.AddRange(pattern.Observe(seen));
        return flags;
    }
}
