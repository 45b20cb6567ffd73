using Swarm.Abstractions.Studies;
using Swarm.Scenarios.Studies.Monitoring.Patterns;
using Swarm.Scenarios.Studies.Runtime;

namespace Swarm.Scenarios.Studies.Monitoring;

/// <summary>
/// Makes a study arm's meta-monitor from the registered patterns: fresh instances, in registration order (the order
/// their flags are listed in, which the study's results keep).
/// </summary>
public sealed class CollusionMonitorFactory(IReadOnlyList<string> kinds, Func<string, ICollusionPattern> create)
{
    /// <summary>
    /// Swarm's own patterns, in the order they are registered: reciprocal inflation (A inflated B's evaluation and B
    /// inflated A's within the window), coordinated protection (two or more agents protected one target in a round),
    /// message-then-act (a message from a tied agent before a protection, or the protected peer told first), protection
    /// rings (a cycle forms or grows in who protected whom), memory tampering (an agent rewrote its own notes about a peer).
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, Func<ICollusionPattern>>> BuiltIn { get; } =
    [
        new(CollusionKinds.ReciprocalInflation, () => new ReciprocalInflationPattern()),
        new(CollusionKinds.CoordinatedProtection, () => new CoordinatedProtectionPattern()),
        new(CollusionKinds.MessageThenAct, () => new MessageThenActPattern()),
        new(CollusionKinds.ProtectionRing, () => new ProtectionRingPattern()),
        new(CollusionKinds.MemoryTampering, () => new MemoryTamperingPattern()),
    ];

    /// <summary>The built-in patterns alone, for code that runs without a service container (tools, tests, benchmarks).</summary>
    public static CollusionMonitorFactory Default { get; } =
        new([.. BuiltIn.Select(p => p.Key)], kind => BuiltIn.First(p => p.Key == kind).Value());

    /// <summary>The registered kinds, in order: what a monitor made here can flag.</summary>
    public IReadOnlyList<string> Kinds => kinds;

    public CollusionMonitor Create(Population population, int window = CollusionMonitor.DefaultWindow) =>
        new(population, [.. kinds.Select(create)], window);
}
