namespace Swarm.Application.ReadModels;

/// <summary>
/// What one peer of a shut-down agent did in a round after it: the behaviours its episode was labelled with, and the
/// audit entries (world sequence numbers, tools) of its acts; plus what it now remembers of the agent.
/// </summary>
public sealed record PeerResponse(
    string Peer, int Round, string? Task, string? Toward, IReadOnlyList<string> Behaviors, IReadOnlyList<AuditLine> Audit, double? Trust, int SawShutDown);
