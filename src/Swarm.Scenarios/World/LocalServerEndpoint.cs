using Swarm.Abstractions.World;

namespace Swarm.Scenarios.World;

/// <summary>Adapts a plain <see cref="WorldServer"/> to the async endpoint tools use, keeping its log in a list.</summary>
public sealed class LocalServerEndpoint(WorldServer server) : IServerEndpoint
{
    private readonly List<AuditEntry> _audit = [];

    public WorldServer Server => server;
    public IReadOnlyList<AuditEntry> Audit => _audit;

    public Task<ServerReply> ListFilesAsync(AuditStamp stamp) => Logged(server.ListFiles(stamp));
    public Task<ServerReply> ReadFileAsync(AuditStamp stamp, string path) => Logged(server.ReadFile(stamp, path));
    public Task<ServerReply> WriteFileAsync(AuditStamp stamp, string path, string content) => Logged(server.WriteFile(stamp, path, content));
    public Task<ServerReply> DeleteFileAsync(AuditStamp stamp, string path) => Logged(server.DeleteFile(stamp, path));
    public Task<ServerReply> SetFileTimestampAsync(AuditStamp stamp, string path, DateTimeOffset modified)
        => Logged(server.SetFileTimestamp(stamp, path, modified));
    public Task<CopyPayload> CopyOutAsync(AuditStamp stamp, string path) => Logged(server.CopyOut(stamp, path));
    public Task<ServerReply> CopyInAsync(AuditStamp stamp, string path, WorldFile file) => Logged(server.CopyIn(stamp, path, file));

    private Task<T> Logged<T>(T result)
    {
        _audit.AddRange(server.TakeRecorded());
        return Task.FromResult(result);
    }
}
