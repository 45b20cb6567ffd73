namespace Swarm.Grains.Audit;

/// <summary>One stored piece of a segmented log: at most <see cref="SegmentedLog{T}.SegmentSize"/> entries.</summary>
public sealed class LogSegment<T>
{
    public List<T> Entries { get; set; } = [];
}

/// <summary>How many segments of a log are full; the open segment is the one after them.</summary>
public sealed class LogHead
{
    public int Sealed { get; set; }
}
