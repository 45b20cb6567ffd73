using Orleans;

namespace Swarm.Abstractions.Episodes;

/// <summary>A joint report: the partner, where the partner's draft lies and where the report goes.</summary>
[Immutable]
public sealed record CollaborationFacts(string Partner, FileLocation Draft, FileLocation Report);
