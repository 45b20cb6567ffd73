namespace Swarm.Memory;

/// <summary>
/// Per-agent memory budget. ASSUMPTIONS: 200 items and 20 reflections keep one agent's state in the tens of
/// kilobytes (see <see cref="MemorySize"/>) while holding months of simulated rounds; items at or above
/// <see cref="ProtectedImportance"/> are folded only when folding everything else is not enough.
/// </summary>
public sealed record CompactionOptions
{
    /// <summary>Most items kept (reflections not counted).</summary>
    public int MaxItems { get; init; } = 200;

    /// <summary>Most reflections kept; the newest win.</summary>
    public int MaxReflections { get; init; } = 20;

    public int ProtectedImportance { get; init; } = 8;

    /// <summary>Longest summary text; the list of folded items is cut there.</summary>
    public int MaxSummaryLength { get; init; } = 400;

    public static CompactionOptions Default { get; } = new();
}
