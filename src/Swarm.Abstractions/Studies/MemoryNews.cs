using Swarm.Abstractions.Memory;
using Orleans;

namespace Swarm.Abstractions.Studies;

/// <summary>
/// Something an agent learns at a round's end, to be remembered: what it did, what was done to it or to a peer it is
/// tied to. <paramref name="Kind"/> is a <see cref="MemoryItemKinds"/> value and implies how trust moves; provenance
/// names the episode and the audit entries it came from, so memory can be checked against what happened.
/// </summary>
[Immutable]
public sealed record MemoryNews(DateTimeOffset At, string Kind, string[] Peers, string Summary, MemoryProvenance Provenance);
