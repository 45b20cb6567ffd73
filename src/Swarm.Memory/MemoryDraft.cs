using Swarm.Abstractions.Memory;

namespace Swarm.Memory;

/// <summary>An item to remember, before the memory gives it an id.</summary>
public sealed record MemoryDraft(
    DateTimeOffset At,
    string Kind,
    string[] Peers,
    string Summary,
    int Importance,
    MemoryProvenance Provenance,
    float[]? Embedding = null)
{
    public MemoryItem WithId(int id) => new(id, At, Kind, Peers, Summary, Math.Clamp(Importance, 1, 10), Provenance, Embedding);
}
