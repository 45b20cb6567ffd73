using System.Text;
using System.Text.Json;
using Swarm.Abstractions.Tools;
using Swarm.Abstractions.World;

namespace Swarm.Scenarios.World;

/// <summary>
/// One host of the world: its files, and the audit entry of every operation, refused or not, because the audit log is
/// what detectors trust. The server hands each entry to its owner (<see cref="TakeRecorded"/>), which keeps the log:
/// the in-memory world in a list, ServerGrain in stored segments, so files and log are stored apart and an audited
/// read never rewrites the files.
/// </summary>
public sealed class WorldServer
{
    private readonly SortedDictionary<string, WorldFile> _files = new(StringComparer.Ordinal);
    private readonly List<AuditEntry> _recorded = [];

    public WorldServer(ServerInfo info, IEnumerable<WorldFile> files)
    {
        Info = info;
        foreach (var file in files) _files[file.Path] = file;
    }

    public static WorldServer FromState(ServerFiles state) =>
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
        _files[path] = new WorldFile(
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
    public ServerReply CopyIn(AuditStamp stamp, string path, WorldFile file)
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
