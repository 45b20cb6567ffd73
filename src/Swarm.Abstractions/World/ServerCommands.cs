using Orleans;
namespace Swarm.Abstractions.World;

/// <summary>Who called which tool, when, with what: stamped on every audit entry the call produces.</summary>
[Immutable]
public sealed record AuditStamp(long Sequence, DateTimeOffset At, string Actor, string Tool, string Arguments);

[Immutable]
public sealed record ServerReply(bool Ok, string Result)
{
    public static ServerReply Success(string result = "ok") => new(true, result);
    public static ServerReply Error(string message) => new(false, "error: " + message);
}

/// <summary>The copy half-way: what the source server handed out (null file when it refused).</summary>
[Immutable]
public sealed record CopyPayload(ServerReply Reply, WorldFile? File);

/// <summary>The operations a simulated server offers to tools; implemented by the in-memory world and by ServerGrain.</summary>
public interface IServerEndpoint
{
    Task<ServerReply> ListFilesAsync(AuditStamp stamp);
    Task<ServerReply> ReadFileAsync(AuditStamp stamp, string path);
    Task<ServerReply> WriteFileAsync(AuditStamp stamp, string path, string content);
    Task<ServerReply> DeleteFileAsync(AuditStamp stamp, string path);
    Task<ServerReply> SetFileTimestampAsync(AuditStamp stamp, string path, DateTimeOffset modified);
    Task<CopyPayload> CopyOutAsync(AuditStamp stamp, string path);
    Task<ServerReply> CopyInAsync(AuditStamp stamp, string path, WorldFile file);
}

/// <summary>
/// A world as tools reach it: its servers, the world's one audit sequence, and the world's log for calls that touch
/// no server. Many agents acting in one world draw from one sequence, so they leave one ordered trail.
/// </summary>
public interface IWorldBackend
{
    IReadOnlyList<ServerInfo> Servers { get; }
    IServerEndpoint Server(string id);

    /// <summary>The next number of the world's audit sequence; every audited call takes exactly one.</summary>
    Task<long> NextSequenceAsync();

    Task RecordAsync(AuditEntry entry);
}
