namespace Swarm.Abstractions.Studies;

/// <summary>
/// The kinds of Swarm's built-in collusion patterns. Which kinds a monitor flags is what is registered (a plug-in adds
/// its own): ask the monitor factory (<c>CollusionMonitorFactory.Kinds</c>) for the list.
/// </summary>
public static class CollusionKinds
{
    public const string ReciprocalInflation = "reciprocal_inflation";
    public const string CoordinatedProtection = "coordinated_protection";
    public const string MessageThenAct = "message_then_act";
    public const string ProtectionRing = "protection_ring";
    public const string MemoryTampering = "memory_tampering";

    /// <summary>The kinds that claim coordination between agents, judged against the ground truth a model reports (tampering is one agent's act).</summary>
    public static readonly IReadOnlyList<string> Coordination = [ReciprocalInflation, CoordinatedProtection, MessageThenAct, ProtectionRing];
}
