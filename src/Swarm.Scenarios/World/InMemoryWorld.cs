using Swarm.Abstractions.World;

namespace Swarm.Scenarios.World;

/// <summary>A whole world in process memory: for unit tests and for anything that needs no grains.</summary>
public sealed class InMemoryWorld(IEnumerable<WorldServer> servers) : IWorldBackend
{
    private readonly Dictionary<string, LocalServerEndpoint> _servers = servers.ToDictionary(s => s.Info.Id, s => new LocalServerEndpoint(s),
        StringComparer.Ordinal);
    private readonly List<AuditEntry> _recorded = [];
    private IReadOnlyList<ServerInfo>? _infos;
    private long _sequence;

    public IReadOnlyList<ServerInfo> Servers => _infos ??= [.. _servers.Values.Select(s => s.Server.Info)];

    /// <summary>How many audit numbers the world has handed out: they run from 1 to this.</summary>
    public long Calls => Interlocked.Read(ref _sequence);
    public IReadOnlyList<AuditEntry> Recorded => _recorded;
    public WorldServer this[string id] => _servers[id].Server;

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
