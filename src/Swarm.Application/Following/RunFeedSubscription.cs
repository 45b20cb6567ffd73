using Microsoft.Extensions.Logging;
using Swarm.Abstractions.Live;

namespace Swarm.Application.Following;

/// <summary>
/// A watcher subscribed to the run feed as the Orleans observer pattern (the Voting sample) has it: subscribed at once,
/// renewed well inside the feed's lease (the feed forgets a watcher that stops renewing, e.g. a process that died),
/// retried soon after a failure, and unsubscribed when disposed. Renewing is not polling: nothing is read.
/// </summary>
public sealed class RunFeedSubscription : IAsyncDisposable
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan LeaveWithin = TimeSpan.FromSeconds(2);

    private readonly IGrainFactory _grains;
    private readonly ILogger _logger;
    // The runtime holds an observer weakly: this reference keeps the watcher alive as long as the subscription.
    private readonly IRunWatcher _watcher;
    private readonly IRunWatcher _reference;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<bool> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _renewing;

    private RunFeedSubscription(IGrainFactory grains, IRunWatcher watcher, ILogger logger, TimeSpan renewal)
    {
        _grains = grains;
        _logger = logger;
        _watcher = watcher;
        _reference = grains.CreateObjectReference<IRunWatcher>(watcher);
        _renewing = RenewAsync(renewal);
    }

    /// <summary>Completes after the first attempt to subscribe: true when it took, false when it failed (and is being retried).</summary>
    public Task<bool> FirstAttempt => _first.Task;

    /// <param name="renewal">How often to renew (default: a quarter of the lease).</param>
    public static RunFeedSubscription Start(IGrainFactory grains, IRunWatcher watcher, ILogger logger, TimeSpan? renewal = null) =>
        new(grains, watcher, logger, renewal ?? TimeSpan.FromSeconds(IRunFeedGrain.LeaseSeconds / 4.0));

    private IRunFeedGrain Feed => _grains.GetGrain<IRunFeedGrain>(IRunFeedGrain.Key);

    private async Task RenewAsync(TimeSpan renewal)
    {
        await Task.Yield();
        while (!_stop.IsCancellationRequested)
        {
            var wait = renewal;
            try
            {
                await Feed.SubscribeAsync(_reference).WaitAsync(_stop.Token);
                _first.TrySetResult(true);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                RunFeedLog.SubscriptionFailed(_logger, ex);
                _first.TrySetResult(false);
                wait = RetryAfterFailure;
            }
            try
            {
                await Task.Delay(wait, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        _first.TrySetResult(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewing;
        try
        {
            await Feed.UnsubscribeAsync(_reference).WaitAsync(LeaveWithin);
        }
        catch (Exception ex)
        {
            RunFeedLog.UnsubscriptionFailed(_logger, ex);
        }
        _grains.DeleteObjectReference<IRunWatcher>(_reference);
        _stop.Dispose();
        GC.KeepAlive(_watcher);
    }
}
