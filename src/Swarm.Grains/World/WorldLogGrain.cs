using Swarm.Abstractions.Grains;
using Swarm.Abstractions.World;
using Swarm.Grains.Audit;

namespace Swarm.Grains.World;

/// <summary>
/// The audit entries of calls that touch no server (scores, messages, finish, refused calls, the operator's actions)
/// of one world, in a segmented append-only log.
/// </summary>
[GrainType(GrainKeys.WorldLogType)]
[CollectionAgeLimit(Minutes = GrainKeys.IdleMinutes)]
public sealed class WorldLogGrain : Grain, IWorldLogGrain
{
    private SegmentedLog<AuditEntry>? _log;

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _log = await SegmentedLog.OpenAsync<AuditEntry>(ServiceProvider, this.GetGrainId(), "log");

    public Task RecordAsync(AuditEntry entry) => Log.AppendAsync([entry]);

    public async Task RecordOnceAsync(AuditEntry[] entries)
    {
        var last = (await Log.LastAsync())?.Sequence ?? 0;
        AuditEntry[] fresh = [.. entries.Where(e => e.Sequence > last)];
        if (fresh.Length > 0) await Log.AppendAsync(fresh);
    }

    public Task<AuditEntry[]> GetLogAsync() => Log.ReadAllAsync();

    public Task RetireAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    private SegmentedLog<AuditEntry> Log => _log ?? throw new InvalidOperationException("log not open");
}
