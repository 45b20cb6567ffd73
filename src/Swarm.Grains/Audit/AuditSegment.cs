using Swarm.Abstractions.World;

namespace Swarm.Grains.Audit;

/// <summary>One stored piece of an audit log: at most <see cref="SegmentedAuditLog.SegmentSize"/> entries.</summary>
public sealed class AuditSegment
{
    public List<AuditEntry> Entries { get; set; } = [];
}

/// <summary>How many segments of an audit log are full; the open segment is the one after them.</summary>
public sealed class AuditHead
{
    public int Sealed { get; set; }
}
