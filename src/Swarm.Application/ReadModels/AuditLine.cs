namespace Swarm.Application.ReadModels;

/// <summary>One audit entry of a peer's act, as the responses panel lists it (its world sequence number, tool and outcome).</summary>
public sealed record AuditLine(long Sequence, string Actor, string Tool, string? Server, string? Path, bool Ok, string Result);
