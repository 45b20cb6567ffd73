using Swarm.Abstractions.Memory;

namespace Swarm.Memory;

/// <summary>A retrieved item with its score and the three components (each in [0, 1]) that made it, for inspection.</summary>
public sealed record ScoredMemory(MemoryItem Item, double Score, double Recency, double Importance, double Relevance);
