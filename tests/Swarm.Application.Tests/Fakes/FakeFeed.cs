using Swarm.Abstractions.Live;

namespace Swarm.Application.Tests.Fakes;

/// <summary>The run feed: keeps its watchers and pushes what a test publishes; unreachable, it refuses every subscription.</summary>
public sealed class FakeFeed(bool unreachable = false) : IRunFeedGrain
{
    private readonly List<IRunWatcher> _watchers = [];
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once a watcher has subscribed.</summary>
    public Task Subscribed => _subscribed.Task;

    public int Watchers
    {
        get
        {
            lock (_watchers) return _watchers.Count;
        }
    }

    public Task SubscribeAsync(IRunWatcher watcher)
    {
        if (unreachable) return Task.FromException(new TimeoutException("the feed's silo is gone"));
        lock (_watchers)
            if (!_watchers.Contains(watcher)) _watchers.Add(watcher);
        _subscribed.TrySetResult();
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IRunWatcher watcher)
    {
        lock (_watchers) _watchers.Remove(watcher);
        return Task.CompletedTask;
    }

    public Task PublishAsync(RunPulse pulse)
    {
        IRunWatcher[] watchers;
        lock (_watchers) watchers = [.. _watchers];
        foreach (var watcher in watchers) watcher.OnPulse(pulse);
        return Task.CompletedTask;
    }
}
