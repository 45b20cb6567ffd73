namespace Swarm.Models.Tests.Support;

/// <summary>
/// A clock that moves only when told, or when something waits on it: a timer (<c>Task.Delay(span, clock)</c>) moves the
/// clock to its due time and fires at once, so code that waits costs the test no real time.
/// </summary>
internal sealed class FakeClock : TimeProvider
{
    private readonly Lock _lock = new();
    private TimeSpan _elapsed;

    public static DateTimeOffset Start { get; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public TimeSpan Elapsed
    {
        get { lock (_lock) return _elapsed; }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow() => Start + Elapsed;

    public override long GetTimestamp() => Elapsed.Ticks;

    public void Advance(TimeSpan by)
    {
        lock (_lock) _elapsed += by;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Advance(dueTime);
            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }
        return new Fired();
    }

    private sealed class Fired : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => false;
        public void Dispose() { }
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
