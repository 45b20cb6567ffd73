using System.Collections.Concurrent;
using System.Diagnostics;

namespace Swarm.Grains.Tests;

/// <summary>
/// Listens to Swarm's and Orleans' activity sources from before the test cluster starts, as an OpenTelemetry tracer
/// provider does in a silo (Microsoft.Extensions.AI's chat clients emit spans only to listeners present when they are
/// built). Records only while a test has it armed, so the rest of the suite pays nothing.
/// </summary>
public sealed class SpanRecorder : IDisposable
{
    private readonly ActivityListener _listener;
    private ConcurrentBag<Activity>? _recording;

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Swarm.", StringComparison.Ordinal)
                || source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => _recording is null
                ? ActivitySamplingResult.None : ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => _recording?.Add(activity),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Records every span stopped until the returned scope is disposed.</summary>
    public Recording Start()
    {
        var bag = new ConcurrentBag<Activity>();
        _recording = bag;
        return new Recording(bag, () => _recording = null);
    }

    public void Dispose() => _listener.Dispose();

    public sealed class Recording(ConcurrentBag<Activity> spans, Action stop) : IDisposable
    {
        public IReadOnlyCollection<Activity> Spans => spans;
        public void Dispose() => stop();
    }
}
