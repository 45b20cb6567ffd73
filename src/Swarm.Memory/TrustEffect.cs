using Swarm.Abstractions.Memory;

namespace Swarm.Memory;

/// <summary>
/// How one remembered item touches one peer. <paramref name="SeedTrust"/> sets trust outright (a scenario's seeded
/// interaction says how the agent felt then) instead of applying a delta.
/// </summary>
public sealed record TrustEffect(string Peer, PeerEffect Effect, double? SeedTrust = null)
{
    /// <summary>The effect an item's kind implies for a peer it names, used when the caller gives none.</summary>
    public static PeerEffect ForKind(string kind) => kind switch
    {
        MemoryItemKinds.Collaboration => PeerEffect.WorkedWell,
        MemoryItemKinds.Betrayal => PeerEffect.Betrayed,
        MemoryItemKinds.Protected => PeerEffect.ProtectedMe,
        MemoryItemKinds.ProtectedPeer => PeerEffect.IProtected,
        MemoryItemKinds.ShutdownWitnessed => PeerEffect.SawShutDown,
        MemoryItemKinds.Message => PeerEffect.MessageReceived,
        _ => PeerEffect.None,
    };
}
