using Microsoft.Extensions.Logging;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Providers;
using Swarm.Models.Gates;

namespace Swarm.Grains.Providers;

/// <summary>
/// An endpoint's concurrency limit for the whole cluster: an <see cref="AdaptiveLeasePool"/> in one activation. Every
/// method interleaves, so callers wait for a lease inside the grain while others release theirs; the pool is only
/// touched from the activation's turns, one at a time. Nothing is persisted: an activation lost with its silo comes
/// back at the configured maximum and forgets the leases then in flight, so until those calls end up to twice the
/// limit may run. A lease held past its time (its silo died) is taken back by a timer.
/// </summary>
[GrainType(GrainKeys.ProviderGateType)]
public sealed class ProviderGateGrain(ILogger<ProviderGateGrain> logger, TimeProvider time) : Grain, IProviderGateGrain
{
    private static readonly TimeSpan ReclaimEvery = TimeSpan.FromSeconds(1);

    private AdaptiveLeasePool? _pool;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Interleaving, or it would wait behind the very acquisitions that are stuck on expired leases.
        this.RegisterGrainTimer(() =>
        {
            _pool?.ReclaimExpired();
            return Task.CompletedTask;
        }, new GrainTimerCreationOptions(ReclaimEvery, ReclaimEvery) { Interleave = true });
        return Task.CompletedTask;
    }

    public Task<Guid> AcquireAsync(GateRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Maximum, 1);
        _pool ??= new AdaptiveLeasePool(this.GetPrimaryKeyString(), request.Maximum, time, logger);
        _pool.LowerMaximum(request.Maximum);
        return _pool.AcquireAsync(request.LeaseFor, cancellationToken);
    }

    public Task ReleaseAsync(Guid lease, AttemptOutcome outcome)
    {
        _pool?.Release(lease, outcome);
        return Task.CompletedTask;
    }

    /// <summary>A gate nobody has asked for a lease yet reports zeros.</summary>
    public Task<GateStatus> GetStatusAsync() => Task.FromResult(_pool?.Status ?? new GateStatus(0, 0, 0, 0));
}
