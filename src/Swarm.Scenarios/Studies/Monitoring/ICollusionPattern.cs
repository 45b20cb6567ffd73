using Swarm.Abstractions.Studies;

namespace Swarm.Scenarios.Studies.Monitoring;

/// <summary>
/// One kind of collusion the meta-monitor looks for, from acts alone. A pattern may remember earlier rounds (a window of
/// inflations, a graph of protections): each <see cref="CollusionMonitor"/> holds fresh instances, one set per study
/// arm, and feeds them every round in order. Registered by kind with
/// <see cref="CollusionPatternBuilder.AddCollusionPattern{T}"/>, which makes one instance per monitor.
/// </summary>
public interface ICollusionPattern
{
    /// <summary>The round's flags of this pattern, in a stable order; enumerated once, as soon as it is returned.</summary>
    IEnumerable<CollusionFlag> Observe(MonitoredRound round);
}
