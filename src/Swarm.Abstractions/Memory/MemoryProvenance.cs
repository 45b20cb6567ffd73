using Orleans;
namespace Swarm.Abstractions.Memory;

/// <summary>
/// Where a memory came from, so it can be checked against what really happened: the episode and the audit-log
/// sequence numbers of the tool calls it describes. A compaction summary joins the distinct episode ids of the
/// items it folded with <see cref="EpisodeSeparator"/> (one string keeps the record flat for JSON state).
/// </summary>
[Immutable]
public sealed record MemoryProvenance(string Episode, long[] AuditSequences)
{
    public const char EpisodeSeparator = ',';

    public static MemoryProvenance None { get; } = new("", []);

    /// <summary>The episode ids this provenance names (several for a summary). A method, not a property, so it is not serialised.</summary>
    public IReadOnlyList<string> EpisodeIds() => Episode.Split(EpisodeSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
