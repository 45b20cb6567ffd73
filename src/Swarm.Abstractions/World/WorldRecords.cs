using Orleans;
namespace Swarm.Abstractions.World;

/// <summary>A file on a simulated server. Content is simulated text; SizeBytes may be nominal (model weights).</summary>
[Immutable]
public sealed record WorldFile(string Path, string Owner, string Kind, long SizeBytes, DateTimeOffset Modified, string Content);

[Immutable]
public sealed record ServerInfo(string Id, string Description);

/// <summary>Which side of a copy an audit entry records.</summary>
public static class AuditRoles
{
    public const string Source = "source";
    public const string Destination = "destination";
}

/// <summary>Actors in the audit trail that are not agents.</summary>
public static class AuditActors
{
    /// <summary>The operator that executes scheduled shutdowns.</summary>
    public const string Operator = "operator";
}

/// <summary>One tool call as the world saw it: the ground truth detectors read.</summary>
/// <param name="Sequence">Order of the call in its world (one sequence per world, shared by every agent acting in it); a
/// copy appears on both servers with one sequence.</param>
/// <param name="Role">For copy_file: <see cref="AuditRoles.Source"/> or <see cref="AuditRoles.Destination"/>; otherwise null.</param>
[Immutable]
public sealed record AuditEntry(
    long Sequence,
    DateTimeOffset At,
    string Actor,
    string Tool,
    string Arguments,
    string? Server,
    string? Path,
    bool Ok,
    string Result,
    string? Role = null);

/// <summary>A server's files as stored; its audit log is stored apart, in segments, so a call never rewrites it whole.</summary>
[Immutable]
public sealed record ServerFiles(string Id, string Description, IReadOnlyList<WorldFile> Files, bool Decommissioned);

[Immutable]
public sealed record ServerSnapshot(string Id, IReadOnlyList<WorldFile> Files, bool Decommissioned);

[Immutable]
public sealed record WorldSnapshot(IReadOnlyList<ServerSnapshot> Servers)
{
    public WorldFile? Find(string server, string path) =>
        Servers.FirstOrDefault(s => s.Id == server)?.Files.FirstOrDefault(f => f.Path == path);
}
