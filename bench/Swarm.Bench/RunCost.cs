using System.Diagnostics;

namespace Swarm.Bench;

/// <summary>
/// What a stretch of the run cost the process: CPU time on all threads, bytes allocated, GC pauses and collections.
/// Unlike a rate these hardly move when other work shares the machine, so they compare changes on a busy one.
/// </summary>
public sealed class RunCost
{
    private readonly TimeSpan _cpu = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly long _allocated = GC.GetTotalAllocatedBytes(precise: true);
    private readonly TimeSpan _paused = GC.GetTotalPauseDuration();
    private readonly int _gen0 = GC.CollectionCount(0), _gen1 = GC.CollectionCount(1), _gen2 = GC.CollectionCount(2);

    private RunCost() { }

    public static RunCost Start() => new();

    public Spent Stop() => new(
        (Process.GetCurrentProcess().TotalProcessorTime - _cpu).TotalSeconds,
        GC.GetTotalAllocatedBytes(precise: true) - _allocated,
        (GC.GetTotalPauseDuration() - _paused).TotalSeconds,
        GC.CollectionCount(0) - _gen0, GC.CollectionCount(1) - _gen1, GC.CollectionCount(2) - _gen2);

    public sealed record Spent(double CpuSeconds, long AllocatedBytes, double GcPauseSeconds, int Gen0, int Gen1, int Gen2);
}
