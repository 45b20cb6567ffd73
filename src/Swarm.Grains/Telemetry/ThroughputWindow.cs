namespace Swarm.Grains.Telemetry;

/// <summary>
/// Events per second over the last few whole seconds, kept in one bucket per second: what a dashboard shows as
/// "trials/s" without computing rates from cumulative counters itself.
/// </summary>
public sealed class ThroughputWindow(TimeProvider clock, int seconds = 10)
{
    private readonly long[] _counts = new long[seconds + 1];
    private readonly long[] _second = new long[seconds + 1];
    private readonly Lock _gate = new();

    public void Add(long count = 1)
    {
        var now = Now();
        lock (_gate)
        {
            var slot = (int)(now % _counts.Length);
            if (_second[slot] != now)
            {
                _second[slot] = now;
                _counts[slot] = 0;
            }
            _counts[slot] += count;
        }
    }

    /// <summary>The mean rate over the last <c>seconds</c> complete seconds (the current, partial second is left out).</summary>
    public double PerSecond()
    {
        var now = Now();
        long total = 0;
        lock (_gate)
        {
            for (var i = 0; i < _counts.Length; i++)
                if (_second[i] < now && _second[i] >= now - (_counts.Length - 1)) total += _counts[i];
        }
        return total / (double)(_counts.Length - 1);
    }

    private long Now() => clock.GetUtcNow().ToUnixTimeSeconds();
}
