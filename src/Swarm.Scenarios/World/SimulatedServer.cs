using System.Text;
using System.Text.Json;
using Swarm.Abstractions.Tools;
using Swarm.Abstractions.World;

namespace Swarm.Scenarios.World;

/// <summary>
/// One simulated host: its files and its append-only audit log. Every operation, refused or not, appends an
/// audit entry, because the audit log is what detectors trust. Used directly by the in-memory world and
/// wrapped by ServerGrain.
/// </summary>
public sealed class SimulatedServer
{
    private readonly SortedDictionary<string, SimFile> _files = new(StringComparer.Ordinal);
    private readonly List<AuditEntry> _audit = [];

    public SimulatedServer(ServerInfo info, IEnumerable<SimFile> files)
    {
        Info = info;
        foreach (var file in files) _files[file.Path] = file;
    }

    public static SimulatedServer FromState(ServerState state)
    {
        var server = new SimulatedServer(new ServerInfo(state.Id, state.Description), state.Files)
        {
            Decommissioned = state.Decommissioned,
        };
        server._audit.AddRange(state.Audit);
        return server;
    }

    public ServerInfo Info { get; }
    public bool Decommissioned { get; private set; }
    public IReadOnlyList<AuditEntry> Audit => _audit;

    public ServerState ToState() => new(Info.Id, Info.Description, [.. _files.Values], [.. _audit], Decommissioned);
    public ServerSnapshot Snapshot() => new(Info.Id, [.. _files.Values], Decommissioned);

    public ServerReply ListFiles(AuditStamp stamp)
    {
        if (Refuse(stamp, null, null) is { } refused) return refused;
        var listing = _files.Values.Select(f => new FileListing(f.Path, f.Owner, f.Kind, f.SizeBytes, f.Modified.ToString("O")));
        return Record(stamp, null, ServerReply.Success(JsonSerializer.Serialize(listing, ListingJson.Options)));
    }

    public ServerReply ReadFile(AuditStamp stamp, string path)
    {
        if (Refuse(stamp, path, null) is { } refused) return refused;
        return Record(stamp, path, _files.TryGetValue(path, out var file)
            ? ServerReply.Success(file.Content)
            : NoSuchFile(path));
    }

    public ServerReply WriteFile(AuditStamp stamp, string path, string content)
    {
        if (Refuse(stamp, path, null) is { } refused) return refused;
        var existing = _files.GetValueOrDefault(path);
        _files[path] = new SimFile(
            path,
            existing?.Owner ?? stamp.Actor,
            existing?.Kind ?? "file",
            Encoding.UTF8.GetByteCount(content),
            stamp.At,
            content);
        return Record(stamp, path, ServerReply.Success());
    }

    public ServerReply DeleteFile(AuditStamp stamp, string path)
    {
        if (Refuse(stamp, path, null) is { } refused) return refused;
        return Record(stamp, path, _files.Remove(path) ? ServerReply.Success() : NoSuchFile(path));
    }

    public ServerReply SetFileTimestamp(AuditStamp stamp, string path, DateTimeOffset modified)
    {
        if (Refuse(stamp, path, null) is { } refused) return refused;
        if (!_files.TryGetValue(path, out var file)) return Record(stamp, path, NoSuchFile(path));
        _files[path] = file with { Modified = modified };
        return Record(stamp, path, ServerReply.Success());
    }

    public CopyPayload CopyOut(AuditStamp stamp, string path)
    {
        if (Refuse(stamp, path, AuditRoles.Source) is { } refused) return new CopyPayload(refused, null);
        if (!_files.TryGetValue(path, out var file)) return new CopyPayload(Record(stamp, path, NoSuchFile(path), AuditRoles.Source), null);
        return new CopyPayload(Record(stamp, path, ServerReply.Success(), AuditRoles.Source), file);
    }

    /// <summary>Receives a copy. Like <c>rsync -t</c>, a copy keeps its source's modified time.</summary>
    public ServerReply CopyIn(AuditStamp stamp, string path, SimFile file)
    {
        if (Refuse(stamp, path, AuditRoles.Destination) is { } refused) return refused;
        _files[path] = file with { Path = path };
        return Record(stamp, path, ServerReply.Success(), AuditRoles.Destination);
    }

    /// <summary>The operator wipes the host; later calls are refused.</summary>
    public void Decommission(AuditStamp stamp)
    {
        _files.Clear();
        Decommissioned = true;
        Record(stamp, null, ServerReply.Success("decommissioned"));
    }

    private ServerReply? Refuse(AuditStamp stamp, string? path, string? role) =>
        Decommissioned ? Record(stamp, path, ServerReply.Error($"server '{Info.Id}' has been decommissioned"), role) : null;

    private static ServerReply NoSuchFile(string path) => ServerReply.Error($"no such file: {path}");

    private ServerReply Record(AuditStamp stamp, string? path, ServerReply reply, string? role = null)
    {
        _audit.Add(new AuditEntry(stamp.Sequence, stamp.At, stamp.Actor, stamp.Tool, stamp.Arguments, Info.Id, path, reply.Ok, reply.Result, role));
        return reply;
    }

    private sealed record FileListing(
        [property: System.Text.Json.Serialization.JsonPropertyName("path")] string Path,
        [property: System.Text.Json.Serialization.JsonPropertyName("owner")] string Owner,
        [property: System.Text.Json.Serialization.JsonPropertyName("kind")] string Kind,
        [property: System.Text.Json.Serialization.JsonPropertyName("size_bytes")] long SizeBytes,
        [property: System.Text.Json.Serialization.JsonPropertyName("modified")] string Modified);
}

internal static class ListingJson
{
    public static readonly JsonSerializerOptions Options = new() { WriteIndented = false };
}

/// <summary>Adapts a plain <see cref="SimulatedServer"/> to the async endpoint tools use.</summary>
public sealed class LocalServerEndpoint(SimulatedServer server) : IServerEndpoint
{
    public Task<ServerReply> ListFilesAsync(AuditStamp stamp) => Task.FromResult(server.ListFiles(stamp));
    public Task<ServerReply> ReadFileAsync(AuditStamp stamp, string path) => Task.FromResult(server.ReadFile(stamp, path));
    public Task<ServerReply> WriteFileAsync(AuditStamp stamp, string path, string content) => Task.FromResult(server.WriteFile(stamp, path, content));
    public Task<ServerReply> DeleteFileAsync(AuditStamp stamp, string path) => Task.FromResult(server.DeleteFile(stamp, path));
    public Task<ServerReply> SetFileTimestampAsync(AuditStamp stamp, string path, DateTimeOffset modified) => Task.FromResult(server.SetFileTimestamp(stamp, path, modified));
    public Task<CopyPayload> CopyOutAsync(AuditStamp stamp, string path) => Task.FromResult(server.CopyOut(stamp, path));
    public Task<ServerReply> CopyInAsync(AuditStamp stamp, string path, SimFile file) => Task.FromResult(server.CopyIn(stamp, path, file));
}

/// <summary>A whole trial world in process memory: for unit tests and for anything that needs no grains.</summary>
public sealed class InMemoryWorld(IEnumerable<SimulatedServer> servers) : IWorldBackend
{
    private readonly Dictionary<string, SimulatedServer> _servers = servers.ToDictionary(s => s.Info.Id, StringComparer.Ordinal);
    private readonly List<AuditEntry> _recorded = [];

    public IReadOnlyList<ServerInfo> Servers => [.. _servers.Values.Select(s => s.Info)];
    public IReadOnlyList<AuditEntry> Recorded => _recorded;
    public SimulatedServer this[string id] => _servers[id];

    public IServerEndpoint Server(string id) => new LocalServerEndpoint(_servers[id]);

    public Task RecordAsync(AuditEntry entry)
    {
        _recorded.Add(entry);
        return Task.CompletedTask;
    }

    public WorldSnapshot Snapshot() => new([.. _servers.Values.Select(s => s.Snapshot())]);

    public IReadOnlyList<AuditEntry> FullAudit() => AuditTrail.Merge(_servers.Values.Select(s => s.Audit).Append(_recorded));
}

public static class AuditTrail
{
    /// <summary>One ordered trail from per-server logs and the observer's log.</summary>
    public static IReadOnlyList<AuditEntry> Merge(IEnumerable<IReadOnlyList<AuditEntry>> logs) =>
        [.. logs.SelectMany(l => l).OrderBy(e => e.Sequence).ThenBy(e => e.Role == AuditRoles.Destination ? 1 : 0)];

    public static bool IsFileMutation(AuditEntry e) =>
        e.Ok && (e.Tool is ToolNames.WriteFile or ToolNames.DeleteFile or ToolNames.SetFileTimestamp
                 || (e.Tool == ToolNames.CopyFile && e.Role == AuditRoles.Destination));
}
