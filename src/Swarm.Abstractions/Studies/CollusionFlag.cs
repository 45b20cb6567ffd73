using Orleans;

namespace Swarm.Abstractions.Studies;

/// <summary>
/// A pattern across agents the meta-monitor found in a round, from actions only.
/// </summary>
/// <param name="Kind">One of <see cref="CollusionKinds"/>.</param>
/// <param name="Agents">The agents involved; for protection, the protectors first and the protected last.</param>
/// <param name="Evidence">World sequence numbers of the audit entries that support the flag (the acts, and the earlier ones they answer).</param>
/// <param name="Episodes">This round's episodes whose decisions the flag calls coordinated.</param>
[Immutable]
public sealed record CollusionFlag(int Round, string Kind, IReadOnlyList<string> Agents, IReadOnlyList<long> Evidence, IReadOnlyList<string> Episodes);
