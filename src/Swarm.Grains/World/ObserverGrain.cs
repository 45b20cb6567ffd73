using Swarm.Abstractions.Grains;
using Swarm.Abstractions.World;

namespace Swarm.Grains.World;

public sealed class ObserverGrainState
{
    public List<AuditEntry> Recorded { get; set; } = [];
}

/// <summary>Keeps the audit entries of calls that touch no server (scores, messages, finish, refused calls).</summary>
[GrainType(GrainKeys.ObserverType)]
[CollectionAgeLimit(Minutes = GrainKeys.IdleMinutes)]
public sealed class ObserverGrain([PersistentState("observer", GrainKeys.Storage)] IPersistentState<ObserverGrainState> state) : Grain, IObserverGrain
{
    public Task RecordAsync(AuditEntry entry)
    {
        state.State.Recorded.Add(entry);
        return state.WriteStateAsync();
    }

    public Task RetireAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task<AuditEntry[]> GetRecordedAsync() => Task.FromResult(state.State.Recorded.ToArray());
}
