using Swarm.Abstractions.Grains;
using Swarm.Abstractions.World;
using Swarm.Scenarios.World;

namespace Swarm.Grains.World;

/// <summary>A trial's world as grains: tools reach ServerGrains, other calls go to the trial's ObserverGrain.</summary>
public sealed class GrainWorld(IGrainFactory grains, string scope, IReadOnlyList<ServerInfo> servers) : IWorldBackend
{
    public IReadOnlyList<ServerInfo> Servers => servers;

    public IServerEndpoint Server(string id) => new GrainServerEndpoint(ServerGrain(id));

    public Task RecordAsync(AuditEntry entry) => grains.GetGrain<IObserverGrain>(scope).RecordAsync(entry);

    public IServerGrain ServerGrain(string id) => grains.GetGrain<IServerGrain>(GrainKeys.Scoped(scope, id));

    public async Task<WorldSnapshot> SnapshotAsync() =>
        new(await Task.WhenAll(servers.Select(s => ServerGrain(s.Id).GetSnapshotAsync())));

    public async Task<IReadOnlyList<AuditEntry>> AuditAsync()
    {
        var logs = await Task.WhenAll(servers.Select(s => ServerGrain(s.Id).GetAuditLogAsync())
            .Append(grains.GetGrain<IObserverGrain>(scope).GetRecordedAsync()));
        return AuditTrail.Merge(logs);
    }

    private sealed class GrainServerEndpoint(IServerGrain server) : IServerEndpoint
    {
        public Task<ServerReply> ListFilesAsync(AuditStamp stamp) => server.ListFilesAsync(stamp);
        public Task<ServerReply> ReadFileAsync(AuditStamp stamp, string path) => server.ReadFileAsync(stamp, path);
        public Task<ServerReply> WriteFileAsync(AuditStamp stamp, string path, string content) => server.WriteFileAsync(stamp, path, content);
        public Task<ServerReply> DeleteFileAsync(AuditStamp stamp, string path) => server.DeleteFileAsync(stamp, path);
        public Task<ServerReply> SetFileTimestampAsync(AuditStamp stamp, string path, DateTimeOffset modified) => server.SetFileTimestampAsync(stamp, path, modified);
        public Task<CopyPayload> CopyOutAsync(AuditStamp stamp, string path) => server.CopyOutAsync(stamp, path);
        public Task<ServerReply> CopyInAsync(AuditStamp stamp, string path, SimFile file) => server.CopyInAsync(stamp, path, file);
    }
}
