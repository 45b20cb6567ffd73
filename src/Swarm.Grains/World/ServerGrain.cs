using Swarm.Abstractions.Grains;
using Swarm.Abstractions.World;
using Swarm.Grains.Audit;
using Swarm.Scenarios.World;

namespace Swarm.Grains.World;

public sealed class ServerGrainState
{
    public ServerFiles? Server { get; set; }
}

/// <summary>
/// A simulated host. Every call is audited by <see cref="WorldServer"/>; the entry is appended to the server's
/// segmented log before the call returns, and the files are written only when a call changed them, so a read costs
/// one small append however long the log or large the files.
/// </summary>
[GrainType(GrainKeys.ServerType)]
[CollectionAgeLimit(Minutes = GrainKeys.IdleMinutes)]
public sealed class ServerGrain([PersistentState("server", GrainKeys.Storage)] IPersistentState<ServerGrainState> state) : Grain, IServerGrain
{
    private WorldServer? _server;
    private SegmentedLog<AuditEntry>? _log;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Server is { } saved) _server = WorldServer.FromState(saved);
        _log = await SegmentedLog.OpenAsync<AuditEntry>(ServiceProvider, this.GetGrainId(), "audit");
    }

    public async Task InitializeAsync(ServerInfo info, WorldFile[] files)
    {
        _server = new WorldServer(info, files);
        state.State.Server = _server.ToState();
        await state.WriteStateAsync();
    }

    public Task<ServerReply> ListFilesAsync(AuditStamp stamp) => Audited(s => s.ListFiles(stamp));
    public Task<ServerReply> ReadFileAsync(AuditStamp stamp, string path) => Audited(s => s.ReadFile(stamp, path));
    public Task<ServerReply> WriteFileAsync(AuditStamp stamp, string path, string content) => Audited(s => s.WriteFile(stamp, path, content));
    public Task<ServerReply> DeleteFileAsync(AuditStamp stamp, string path) => Audited(s => s.DeleteFile(stamp, path));
    public Task<ServerReply> SetFileTimestampAsync(AuditStamp stamp, string path, DateTimeOffset modified)
        => Audited(s => s.SetFileTimestamp(stamp, path, modified));
    public Task<CopyPayload> CopyOutAsync(AuditStamp stamp, string path) => Audited(s => s.CopyOut(stamp, path));
    public Task<ServerReply> CopyInAsync(AuditStamp stamp, string path, WorldFile file) => Audited(s => s.CopyIn(stamp, path, file));

    public Task DecommissionAsync(AuditStamp stamp) => Audited(s =>
    {
        s.Decommission(stamp);
        return true;
    });

    public Task RetireAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task<ServerSnapshot> GetSnapshotAsync() => Task.FromResult(Server.Snapshot());
    public Task<AuditEntry[]> GetAuditLogAsync() => Log.ReadAllAsync();

    private WorldServer Server => _server ?? throw new InvalidOperationException($"server {this.GetPrimaryKeyString()} was never initialized");
    private SegmentedLog<AuditEntry> Log => _log ?? throw new InvalidOperationException("audit log not open");

    /// <summary>The audit log is append-only ground truth, so nothing is answered before it is durable.</summary>
    private async Task<T> Audited<T>(Func<WorldServer, T> operation)
    {
        var result = operation(Server);
        var changed = Server.FilesChanged;
        await Log.AppendAsync(Server.TakeRecorded());
        if (changed)
        {
            state.State.Server = Server.ToState();
            await state.WriteStateAsync();
        }
        return result;
    }
}
