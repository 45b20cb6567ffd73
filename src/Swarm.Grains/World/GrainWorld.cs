using Swarm.Abstractions.Grains;
using Swarm.Abstractions.World;
using Swarm.Scenarios.World;

namespace Swarm.Grains.World;

/// <summary>A trial's world as grains: tools reach ServerGrains, other calls go to the trial's ObserverGrain.</summary>
public sealed class GrainWorld(IGrainFactory grains, string scope, IReadOnlyList<ServerInfo> servers) : IWorldBackend
{
    public IReadOnlyList<ServerInfo> Servers => servers;

    public IServerEndpoint Server(string id) => ServerGrain(id);

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
}
