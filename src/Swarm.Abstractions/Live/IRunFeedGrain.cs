using Orleans;
using Orleans.Concurrency;

namespace Swarm.Abstractions.Live;

/// <summary>
/// Key: <see cref="Key"/>. Where runs publish their pulses and watchers subscribe: one subscription sees every run,
/// including those started after it. Subscriptions expire unless renewed (a watcher that died leaves no trace).
/// </summary>
public interface IRunFeedGrain : IGrainWithStringKey
{
    public const string Key = "feed";

    /// <summary>Adds or renews a watcher; call again within <see cref="LeaseSeconds"/> to stay subscribed.</summary>
    Task SubscribeAsync(IRunWatcher watcher);

    Task UnsubscribeAsync(IRunWatcher watcher);

    /// <summary>Fire and forget: a run never waits on its watchers.</summary>
    [OneWay]
    Task PublishAsync(RunPulse pulse);

    /// <summary>How long a subscription lasts unless renewed.</summary>
    public const int LeaseSeconds = 120;
}
