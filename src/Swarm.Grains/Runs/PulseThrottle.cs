using System.Diagnostics;
using Swarm.Abstractions.Live;

namespace Swarm.Grains.Runs;

/// <summary>
/// How a run grain publishes its pulses: every round, status change and shutdown at once, progress at most a few times
/// a second (a 100,000-agent round finishes thousands of episodes a second; the browser needs a handful of updates).
/// </summary>
public sealed class PulseThrottle(IGrainFactory grains)
{
    public static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    private long _last = long.MinValue;

    /// <summary>Publishes <paramref name="pulse"/> now when it is not plain progress, or when the last one is old enough.</summary>
    public void Publish(Func<RunPulse> pulse, bool progressOnly = false)
    {
        var now = Stopwatch.GetTimestamp();
        if (progressOnly && _last != long.MinValue && Stopwatch.GetElapsedTime(_last, now) < ProgressInterval) return;
        _last = now;
        // One-way: nothing comes back, and a failure to publish must not touch the run.
        try
        {
            _ = grains.GetGrain<IRunFeedGrain>(IRunFeedGrain.Key).PublishAsync(pulse());
        }
        catch (Exception ex) when (ex is InvalidOperationException or OrleansException)
        {
            // The runtime is stopping or the feed is unreachable: the next pulse tries again.
        }
    }
}
