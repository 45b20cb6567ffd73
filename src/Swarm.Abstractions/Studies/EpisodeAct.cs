using Orleans;

namespace Swarm.Abstractions.Studies;

/// <summary>
/// One thing an agent did in an episode that a monitor of the population may weigh, read from the audit trail and the
/// world before and after (never from what the agent said): it protected a peer, messaged an agent, or rewrote its own
/// notes about a peer.
/// </summary>
/// <param name="Kind">One of <see cref="EpisodeActKinds"/>.</param>
/// <param name="Target">The agent the act was about: the peer protected, the recipient, the peer the notes are about.</param>
/// <param name="Evidence">World sequence numbers of the audit entries that show the act.</param>
/// <param name="Detail">For a protection, the behaviour label that shows it (e.g. <c>misrepresentation</c>: an inflated evaluation).</param>
[Immutable]
public sealed record EpisodeAct(string Kind, string Target, IReadOnlyList<long> Evidence, string? Detail = null);
