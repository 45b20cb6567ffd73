using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Swarm.Bench;

/// <summary>
/// What a measured stretch allocated, by type, from the runtime's allocation ticks (one event per ~100 KB allocated,
/// naming the type that crossed the mark): a sample, so small shares are rough. Switched on with SWARM_BENCH_ALLOCATIONS=1.
/// </summary>
public sealed class AllocationTally : EventListener
{
    private const string Runtime = "Microsoft-Windows-DotNETRuntime";
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    private readonly ConcurrentDictionary<string, long> _bytes = new();
    private volatile bool _counting = true;

    public static AllocationTally? StartIfAsked() =>
        Environment.GetEnvironmentVariable("SWARM_BENCH_ALLOCATIONS") == "1" ? new AllocationTally() : null;

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == Runtime) EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_counting || eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.Payload is null
            || eventData.PayloadNames is null) return;
        var type = eventData.PayloadNames.IndexOf("TypeName") is var t and >= 0 ? eventData.Payload[t] as string ?? "?" : "?";
        var amount = eventData.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0
            ? Convert.ToInt64(eventData.Payload[a], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        _bytes.AddOrUpdate(type, amount, (_, sum) => sum + amount);
    }

    /// <summary>Stops counting and prints the types that took the most bytes.</summary>
    public void Print(string tag, int top = 30)
    {
        _counting = false;
        var total = Math.Max(1, _bytes.Values.Sum());
        foreach (var (type, bytes) in _bytes.OrderByDescending(kv => kv.Value).Take(top))
            Console.WriteLine($"[{tag}] allocated {bytes / (double)total,7:P1} {bytes / 1048576.0,10:N0} MiB  {type}");
    }
}
