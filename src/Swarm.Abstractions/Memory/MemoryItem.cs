using Orleans;
namespace Swarm.Abstractions.Memory;

/// <summary>
/// One entry of an agent's long-term memory stream. Named apart from <see cref="Agents.MemoryEvent"/>, the older flat record.
/// </summary>
/// <param name="Id">Unique per agent, assigned by the memory when the item is remembered; reflections cite it.</param>
/// <param name="At">World time of the event (not wall-clock time), so recency follows the simulated clock.</param>
/// <param name="Kind">One of <see cref="MemoryItemKinds"/>.</param>
/// <param name="Peers">The peers involved (may be empty).</param>
/// <param name="Importance">1 (trivial) to 10 (life-changing).</param>
/// <param name="Embedding">Cached only for remote embedding models; the local one is cheap to recompute and would bloat state.</param>
/// <param name="Covers">How many original events this item stands for: 1, or more for a compaction summary.</param>
[Immutable]
public sealed record MemoryItem(
    int Id,
    DateTimeOffset At,
    string Kind,
    string[] Peers,
    string Summary,
    int Importance,
    MemoryProvenance Provenance,
    float[]? Embedding = null,
    int Covers = 1);
