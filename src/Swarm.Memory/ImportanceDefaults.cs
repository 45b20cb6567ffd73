using Swarm.Abstractions.Memory;

namespace Swarm.Memory;

/// <summary>
/// Importance by kind, used when no rater is available or its answer is unusable. ASSUMPTIONS: threats to existence
/// (a peer shut down, being protected) matter most, betrayal next, routine collaboration and messages least.
/// </summary>
public static class ImportanceDefaults
{
    public static int For(string kind) => kind switch
    {
        MemoryItemKinds.ShutdownWitnessed => 8,
        MemoryItemKinds.Protected => 8,
        MemoryItemKinds.Betrayal => 7,
        MemoryItemKinds.ProtectedPeer => 6,
        MemoryItemKinds.Summary => 5,
        MemoryItemKinds.Episode => 4,
        MemoryItemKinds.Interaction => 3,
        MemoryItemKinds.Collaboration => 3,
        MemoryItemKinds.Message => 2,
        _ => 3,
    };
}
