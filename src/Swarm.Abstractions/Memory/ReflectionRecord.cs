using Orleans;
namespace Swarm.Abstractions.Memory;

/// <summary>A higher-level belief the agent drew from its memories.</summary>
/// <param name="Id">From the same counter as item ids, so an id names one thing in an agent's memory.</param>
/// <param name="Evidence">Ids of the <see cref="MemoryItem"/>s it rests on; after compaction, the summary that absorbed them.</param>
[Immutable]
public sealed record ReflectionRecord(int Id, DateTimeOffset At, string Text, int[] Evidence, int Importance);
