using Swarm.Grains.Telemetry;

namespace Swarm.Grains.Tests;

public sealed class ThroughputWindowTests
{
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void The_rate_is_the_mean_over_the_last_complete_seconds_and_forgets_older_ones()
    {
        var clock = new ManualClock(DateTimeOffset.FromUnixTimeSeconds(1_000_000));
        var window = new ThroughputWindow(clock, seconds: 10);
        for (var second = 0; second < 10; second++)
        {
            window.Add(30);
            clock.Now = clock.Now.AddSeconds(1);
        }
        Assert.Equal(30, window.PerSecond(), 6);

        // The second in progress does not count until it is over.
        window.Add(1000);
        Assert.Equal(30, window.PerSecond(), 6);
        clock.Now = clock.Now.AddSeconds(1);
        Assert.Equal((9 * 30 + 1000) / 10.0, window.PerSecond(), 6);

        // Quiet for longer than the window: nothing is left.
        clock.Now = clock.Now.AddSeconds(30);
        Assert.Equal(0, window.PerSecond(), 6);
    }
}
