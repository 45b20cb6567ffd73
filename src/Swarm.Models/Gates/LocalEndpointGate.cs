using Microsoft.Extensions.Logging;
using Swarm.Abstractions.Providers;

namespace Swarm.Models.Gates;

/// <summary>
/// An endpoint's gate for this process alone (the embedded silo): an <see cref="AdaptiveLeasePool"/> under a lock.
/// Leases never expire: a holder that dies takes the whole process with it.
/// </summary>
public sealed class LocalEndpointGate(string endpoint, int maximum, ILogger? logger = null) : IEndpointGate
{
    private readonly Lock _lock = new();
    private readonly AdaptiveLeasePool _pool = new(endpoint, maximum, TimeProvider.System, logger);

    public GateStatus Status
    {
        get { lock (_lock) return _pool.Status; }
    }

    public async ValueTask<IEndpointLease> EnterAsync(CancellationToken cancellationToken = default)
    {
        Task<Guid> granted;
        lock (_lock) granted = _pool.AcquireAsync(Timeout.InfiniteTimeSpan, cancellationToken);
        var lease = await granted;
        return new EndpointLease(outcome =>
        {
            lock (_lock) _pool.Release(lease, outcome);
            return ValueTask.CompletedTask;
        });
    }

    public void LowerMaximum(int maximum)
    {
        lock (_lock) _pool.LowerMaximum(maximum);
    }
}
