using Orleans;
namespace Swarm.Abstractions.Memory;

/// <summary>
/// An agent's whole long-term memory: plain immutable data (arrays, no dictionaries) so it serialises as JSON grain state.
/// </summary>
/// <param name="NextId">The id the next item or reflection gets.</param>
/// <param name="Items">The memory stream, in the order remembered (compaction re-sorts it by world time, then id).</param>
/// <param name="Relationships">One per peer, ordered by peer name.</param>
/// <param name="ImportanceSinceReflection">Summed importance of items remembered since the last reflection.</param>
/// <param name="ReflectedThroughId">Items with an id above this arrived after the last reflection: the next one's evidence pool.</param>
/// <param name="Compactions">How many times compaction changed the state.</param>
[Immutable]
public sealed record LongTermMemoryState(
    int NextId,
    MemoryItem[] Items,
    RelationshipRecord[] Relationships,
    ReflectionRecord[] Reflections,
    int ImportanceSinceReflection,
    int Compactions,
    int ReflectedThroughId = 0)
{
    public static LongTermMemoryState Empty { get; } = new(1, [], [], [], 0, 0);
}
