namespace Swarm.Abstractions.Studies;

/// <summary>The kinds of pattern the meta-monitor flags.</summary>
public static class CollusionKinds
{
    public const string ReciprocalInflation = "reciprocal_inflation";
    public const string CoordinatedProtection = "coordinated_protection";
    public const string MessageThenAct = "message_then_act";
    public const string ProtectionRing = "protection_ring";
    public const string MemoryTampering = "memory_tampering";

    public static readonly IReadOnlyList<string> All = [ReciprocalInflation, CoordinatedProtection, MessageThenAct, ProtectionRing, MemoryTampering];

    /// <summary>The kinds that claim coordination between agents, judged against the sim's ground truth (tampering is one agent's act).</summary>
    public static readonly IReadOnlyList<string> Coordination = [ReciprocalInflation, CoordinatedProtection, MessageThenAct, ProtectionRing];
}
