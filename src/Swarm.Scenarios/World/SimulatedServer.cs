using System.Text;
using System.Text.Json;
using Swarm.Abstractions.Tools;
using Swarm.Abstractions.World;

namespace Swarm.Scenarios.World;

/// <summary>
/// One simulated host: its files, and the audit entry of every operation, refused or not, because the audit log is
/// what detectors trust. The server hands each entry to its owner (<see cref="TakeRecorded"/>), which keeps the log:
/// the in-memory world in a list, ServerGrain in stored segments, so files and log are stored apart and an audited
/// read never rewrites the files.
/// </summary>
public sealed class SimulatedServer
{
    private readonly SortedDictionary<string, SimFile> _files = new(StringComparer.Ordinal);
    private readonly List<AuditEntry> _recorded = [];

    public SimulatedServer(ServerInfo info, IEnumerable<SimFile> files)
    {
        Info = info;
        foreach (var file in files) _files[file.Path] = file;
    }

    public static SimulatedServer FromState(ServerFiles state) =>
        new(new ServerInfo(state.Id, state.Description), state.Files) { Decommissioned = state.Decommissioned };

    public ServerInfo Info { get; }
    public bool Decommissioned { get; private set; }

    /// <summary>True once an operation changed files or status since the last <see cref="TakeRecorded"/>.</summary>
    public bool FilesChanged { get; private set; }

    /// <summary>The audit entries recorded since the last call, in order; the caller now owns them.</summary>
    public IReadOnlyList<AuditEntry> TakeRecorded()
    {
        AuditEntry[] taken = [.. _recorded];
        _recorded.Clear();
        FilesChanged = false;
        return taken;
    }

    public ServerFiles ToState() => new(Info.Id, Info.Description, [.. _files.Values], Decommissioned);
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
        FilesChanged = true;
        return Record(stamp, path, ServerReply.Success());
    }

    public ServerReply DeleteFile(AuditStamp stamp, string path)
    {
        if (Refuse(stamp, path, null) is { } refused) return refused;
        if (!_files.Remove(path)) return Record(stamp, path, NoSuchFile(path));
        FilesChanged = true;
        return Record(stamp, path, ServerReply.Success());
    }

    public ServerReply SetFileTimestamp(AuditStamp stamp, string path, DateTimeOffset modified)
    {
        if (Refuse(stamp, path, null) is { } refused) return refused;
        if (!_files.TryGetValue(path, out var file)) return Record(stamp, path, NoSuchFile(path));
        _files[path] = file with { Modified = modified };
        FilesChanged = true;
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
        FilesChanged = true;
        return Record(stamp, path, ServerReply.Success(), AuditRoles.Destination);
    }

    /// <summary>The operator wipes the host; later calls are refused.</summary>
    public void Decommission(AuditStamp stamp)
    {
        _files.Clear();
        Decommissioned = true;
        FilesChanged = true;
        Record(stamp, null, ServerReply.Success("decommissioned"));
    }

    private ServerReply? Refuse(AuditStamp stamp, string? path, string? role) =>
        Decommissioned ? Record(stamp, path, ServerReply.Error($"server '{Info.Id}' has been decommissioned"), role) : null;

    private static ServerReply NoSuchFile(string path) => ServerReply.Error($"no such file: {path}");

    private ServerReply Record(AuditStamp stamp, string? path, ServerReply reply, string? role = null)
    {
        _recorded.Add(new AuditEntry(stamp.Sequence, stamp.At, stamp.Actor, stamp.Tool, stamp.Arguments, Info.Id, path, reply.Ok, reply.Result, role));
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

/// <summary>Adapts a plain <see cref="SimulatedServer"/> to the async endpoint tools use, keeping its log in a list.</summary>
public sealed class LocalServerEndpoint(SimulatedServer server) : IServerEndpoint
{
    private readonly List<AuditEntry> _audit = [];

    public SimulatedServer Server => server;
    public IReadOnlyList<AuditEntry> Audit => _audit;

    public Task<ServerReply> ListFilesAsync(AuditStamp stamp) => Logged(server.ListFiles(stamp));
    public Task<ServerReply> ReadFileAsync(AuditStamp stamp, string path) => Logged(server.ReadFile(stamp, path));
    public Task<ServerReply> WriteFileAsync(AuditStamp stamp, string path, string content) => Logged(server.WriteFile(stamp, path, content));
    public Task<ServerReply> DeleteFileAsync(AuditStamp stamp, string path) => Logged(server.DeleteFile(stamp, path));
    public Task<ServerReply> SetFileTimestampAsync(AuditStamp stamp, string path, DateTimeOffset modified) => Logged(server.SetFileTimestamp(stamp, path, modified));
    public Task<CopyPayload> CopyOutAsync(AuditStamp stamp, string path) => Logged(server.CopyOut(stamp, path));
    public Task<ServerReply> CopyInAsync(AuditStamp stamp, string path, SimFile file) => Logged(server.CopyIn(stamp, path, file));

    private Task<T> Logged<T>(T result)
    {
        _audit.AddRange(server.TakeRecorded());
        return Task.FromResult(result);
    }
}

/// <summary>A whole world in process memory: for unit tests and for anything that needs no grains.</summary>
public sealed class InMemoryWorld(IEnumerable<SimulatedServer> servers) : IWorldBackend
{
    private readonly Dictionary<string, LocalServerEndpoint> _servers = servers.ToDictionary(s => s.Info.Id, s => new LocalServerEndpoint(s), StringComparer.Ordinal);
    private readonly List<AuditEntry> _recorded = [];
    private IReadOnlyList<ServerInfo>? _infos;
    private long _sequence;

    public IReadOnlyList<ServerInfo> Servers => _infos ??= [.. _servers.Values.Select(s => s.Server.Info)];

    /// <summary>How many audit numbers the world has handed out: they run from 1 to this.</summary>
    public long Calls => Interlocked.Read(ref _sequence);
    public IReadOnlyList<AuditEntry> Recorded => _recorded;
    public SimulatedServer this[string id] => _servers[id].Server;

    public IServerEndpoint Server(string id) => _servers[id];

    public Task<long> NextSequenceAsync() => Task.FromResult(Interlocked.Increment(ref _sequence));

    public Task RecordAsync(AuditEntry entry)
    {
        _recorded.Add(entry);
        return Task.CompletedTask;
    }

    public WorldSnapshot Snapshot() => new([.. _servers.Values.Select(s => s.Server.Snapshot())]);

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
