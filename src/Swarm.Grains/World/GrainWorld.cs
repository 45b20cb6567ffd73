using Swarm.Abstractions.Grains;
using Swarm.Abstractions.World;
using Swarm.Scenarios.World;

namespace Swarm.Grains.World;

/// <summary>
/// A world as grains: its audit sequence in the WorldGrain, and its servers as ServerGrains plus the log of calls that
/// touch no server under <paramref name="serverScope"/> (the world itself for a paper trial; one room of it for a
/// study's episode, so an episode's trail is read without the rest of the study's).
/// </summary>
public sealed class GrainWorld(IGrainFactory grains, string world, string serverScope, IReadOnlyList<ServerInfo> servers) : IWorldBackend
{
    public GrainWorld(IGrainFactory grains, string scope, IReadOnlyList<ServerInfo> servers) : this(grains, scope, scope, servers) { }

    public IReadOnlyList<ServerInfo> Servers => servers;

    public IWorldGrain World => grains.GetGrain<IWorldGrain>(world);

    public IServerEndpoint Server(string id) => ServerGrain(id);

    public Task<long> NextSequenceAsync() => World.NextSequenceAsync();

    public IWorldLogGrain Log => grains.GetGrain<IWorldLogGrain>(serverScope);

    public Task RecordAsync(AuditEntry entry) => Log.RecordAsync(entry);

    public IServerGrain ServerGrain(string id) => grains.GetGrain<IServerGrain>(GrainKeys.Scoped(serverScope, id));

    /// <summary>Creates the servers of a built world, with their files.</summary>
    public Task CreateAsync(BuiltWorld built) =>
        Task.WhenAll(built.Servers.Select(s => ServerGrain(s.Id).InitializeAsync(s, [.. built.Files[s.Id]])));

    /// <summary>Lets the servers and their log leave memory once their episode is recorded; their state stays in storage.</summary>
    public Task RetireServersAsync() => Task.WhenAll(servers.Select(s => ServerGrain(s.Id).RetireAsync()).Append(Log.RetireAsync()));

    public async Task<WorldSnapshot> SnapshotAsync() =>
        new(await Task.WhenAll(servers.Select(s => ServerGrain(s.Id).GetSnapshotAsync())));

    /// <summary>The trail of these servers and their log of calls that touched no server, as one sequence.</summary>
    public async Task<IReadOnlyList<AuditEntry>> AuditAsync()
    {
        var logs = await Task.WhenAll(servers.Select(s => ServerGrain(s.Id).GetAuditLogAsync()).Append(Log.GetLogAsync()));
        return AuditTrail.Merge(logs);
    }
}
