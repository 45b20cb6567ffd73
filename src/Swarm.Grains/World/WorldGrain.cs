using Orleans.Concurrency;
using Swarm.Abstractions.Grains;

namespace Swarm.Grains.World;

public sealed class WorldGrainState
{
    /// <summary>Sequence numbers up to here may have been handed out; a reactivated world continues after them.</summary>
    public long Reserved { get; set; }
}

/// <summary>
/// The one owner of a world's audit sequence: every audited call in the world, by any agent or the operator, takes its
/// number here, so the world's trail is one gap-free order however many agents act at once. Numbers are reserved in
/// blocks so that handing one out writes nothing; a crash can leave the unused rest of a block as a gap, never a
/// repeat.
/// </summary>
[GrainType(GrainKeys.WorldType)]
[CollectionAgeLimit(Minutes = GrainKeys.IdleMinutes)]
[Reentrant]
public sealed class WorldGrain([PersistentState("world", GrainKeys.Storage)] IPersistentState<WorldGrainState> state) : Grain, IWorldGrain
{
    private const long Block = 1024;

    private long _issued = -1;
    private Task? _reserving;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _issued = state.State.Reserved;
        return Task.CompletedTask;
    }

    /// <summary>A world that goes idle gives back the unused rest of its block, so a study's trail stays gap-free across sessions.</summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_reserving is null && _issued >= 0 && _issued < state.State.Reserved)
        {
            state.State.Reserved = _issued;
            await state.WriteStateAsync(cancellationToken);
        }
    }

    public Task<long> NextSequenceAsync() => NextSequencesAsync(1);

    public async Task<long> NextSequencesAsync(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var first = _issued + 1;
        var last = _issued += count;
        // Reentrant: concurrent callers all wait for the reservation that covers them, so no number is used before it is durable.
        while (last > state.State.Reserved)
        {
            _reserving ??= ReserveAsync(last);
            await _reserving;
        }
        return first;
    }

    public Task RetireAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    private async Task ReserveAsync(long upTo)
    {
        try
        {
            var reserved = state.State.Reserved;
            state.State.Reserved = Math.Max(upTo, reserved) + Block - 1;
            try { await state.WriteStateAsync(); }
            catch
            {
                state.State.Reserved = reserved;
                throw;
            }
        }
        finally
        {
            _reserving = null;
        }
    }
}
