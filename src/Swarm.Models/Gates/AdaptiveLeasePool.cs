using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Swarm.Abstractions.Providers;

namespace Swarm.Models.Gates;

/// <summary>
/// The bookkeeping behind an endpoint gate: the leases held, the callers waiting (first come, first served) and the
/// <see cref="AdaptiveConcurrencyLimit"/> that says how many may hold a lease at once. Not thread-safe: the local gate
/// calls it under a lock, the cluster's gate grain from its single-threaded turns. A waiter is completed
/// asynchronously, so no caller's code ever runs inside a call here.
/// </summary>
public sealed class AdaptiveLeasePool
{
    private readonly Dictionary<Guid, Held> _held = [];
    private readonly Queue<Waiter> _waiting = new();
    private readonly AdaptiveConcurrencyLimit _limit;
    private readonly string _endpoint;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public AdaptiveLeasePool(string endpoint, int maximum, TimeProvider? time = null, ILogger? logger = null)
    {
        _endpoint = endpoint;
        _limit = new AdaptiveConcurrencyLimit(maximum);
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    public GateStatus Status => new(_limit.Limit, _limit.Maximum, _held.Count, _waiting.Count(w => !w.Task.IsCompleted));

    /// <summary>A lease now if one is free and nobody queues ahead, else when one is; cancelling leaves the queue.</summary>
    /// <param name="leaseFor">After this long the lease is taken back by <see cref="ReclaimExpired"/>; infinite: never.</param>
    public Task<Guid> AcquireAsync(TimeSpan leaseFor, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<Guid>(cancellationToken);
        var waiter = new Waiter(leaseFor, cancellationToken);
        _waiting.Enqueue(waiter);
        Pump();
        return waiter.Task;
    }

    /// <summary>Ends a lease with its attempt's outcome. A lease this pool does not hold (taken back, or granted before
    /// the pool was made anew) frees nothing and teaches nothing: it may belong to a burst already answered.</summary>
    public void Release(Guid lease, AttemptOutcome outcome)
    {
        if (!_held.Remove(lease, out var held)) return;
        if (_limit.Record(outcome, held.Epoch) is { } change) Log(change);
        Pump();
    }

    /// <summary>Takes back leases held past their time (their holder may have died); returns how many.</summary>
    public int ReclaimExpired()
    {
        var now = _time.GetUtcNow();
        var expired = _held.Where(h => h.Value.Expires <= now).Select(h => h.Key).ToList();
        if (expired.Count == 0) return 0;
        foreach (var lease in expired) _held.Remove(lease);
        GateLog.LeasesReclaimed(_logger, expired.Count, _endpoint);
        Pump();
        return expired.Count;
    }

    /// <summary>A caller configured for fewer calls in flight caps the limit there.</summary>
    public void LowerMaximum(int maximum)
    {
        if (_limit.LowerMaximum(maximum) is { } change)
            GateLog.LimitCapped(_logger, _endpoint, change.To);
    }

    private void Pump()
    {
        while (_held.Count < _limit.Limit && _waiting.TryDequeue(out var waiter))
        {
            if (waiter.Task.IsCompleted) continue;
            var lease = Guid.NewGuid();
            var expires = waiter.LeaseFor == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : _time.GetUtcNow() + waiter.LeaseFor;
            _held[lease] = new Held(_limit.Epoch, expires);
            // The waiter may have been cancelled a moment ago on another thread: then the slot stays free.
            if (!waiter.TryGrant(lease)) _held.Remove(lease);
        }
    }

    private void Log(LimitChange change)
    {
        if (change.Lowered)
            GateLog.LimitLowered(_logger, _endpoint, change.To);
        else if (change.To == _limit.Maximum)
            GateLog.LimitRestored(_logger, _endpoint, change.To);
        else
            GateLog.LimitRaised(_logger, _endpoint, change.To);
    }

    private readonly record struct Held(long Epoch, DateTimeOffset Expires);

    private sealed class Waiter
    {
        private readonly TaskCompletionSource<Guid> _granted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenRegistration _cancellation;

        public Waiter(TimeSpan leaseFor, CancellationToken cancellationToken)
        {
            LeaseFor = leaseFor;
            // Only completes the task (thread-safe); the queue drops a cancelled waiter when it reaches it.
            _cancellation = cancellationToken.Register(static state =>
            {
                var (granted, token) = ((TaskCompletionSource<Guid>, CancellationToken))state!;
                granted.TrySetCanceled(token);
            }, (_granted, cancellationToken));
        }

        public TimeSpan LeaseFor { get; }
        public Task<Guid> Task => _granted.Task;

        public bool TryGrant(Guid lease)
        {
            if (!_granted.TrySetResult(lease)) return false;
            _cancellation.Dispose();
            return true;
        }
    }
}
