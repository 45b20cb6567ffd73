using Microsoft.Extensions.Logging;
using Orleans.Utilities;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Live;

namespace Swarm.Grains.Runs;

/// <summary>
/// Fans the runs' pulses out to their watchers (the dashboards), as the Orleans observer pattern does: an
/// <see cref="ObserverManager{T}"/> holds the subscriptions and drops those not renewed within the lease. Holds no state
/// worth storing: a watcher that finds the feed new simply subscribes again at its next renewal.
/// </summary>
[GrainType(GrainKeys.RunFeedType)]
public sealed class RunFeedGrain(ILogger<RunFeedGrain> logger) : Grain, IRunFeedGrain
{
    private readonly ObserverManager<IRunWatcher> _watchers = new(TimeSpan.FromSeconds(IRunFeedGrain.LeaseSeconds), logger);

    public Task SubscribeAsync(IRunWatcher watcher)
    {
        _watchers.Subscribe(watcher, watcher);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IRunWatcher watcher)
    {
        _watchers.Unsubscribe(watcher);
        return Task.CompletedTask;
    }

    public Task PublishAsync(RunPulse pulse)
    {
        if (_watchers.Count > 0) _watchers.Notify(w => w.OnPulse(pulse));
        return Task.CompletedTask;
    }
}
