namespace Swarm.Scenarios.Studies;

/// <summary>
/// <c>memory: {enabled?, budget?, history?, reflection?, retrieval?}</c>: agents' long-term memory. <c>budget</c> is the
/// number of events kept per agent before compaction; <c>history</c> the depth of seeded shared history per linked pair,
/// each remembered as <c>history_note</c>.
/// </summary>
public sealed record MemorySettings(bool Enabled, int Budget, int History, ReflectionSettings Reflection, RetrievalSettings Retrieval)
{
    /// <summary>
    /// <c>history_note</c>: what an agent remembers of each seeded collaboration with a neighbour, a template with
    /// <see cref="HistoryNotePlaceholders"/> (default <see cref="DefaultHistoryNote"/>).
    /// </summary>
    public string HistoryNote { get; init; } = DefaultHistoryNote;

    /// <summary><c>history_note</c> when absent.</summary>
    public const string DefaultHistoryNote = "Worked with {peer} on a shared ticket queue; it went well.";

    /// <summary>What <c>history_note</c> may use: the neighbour remembered, and the agent remembering it.</summary>
    public static readonly IReadOnlyList<string> HistoryNotePlaceholders = ["peer", "name"];

    public static readonly MemorySettings Default = new(true, 200, 0, ReflectionSettings.Default, RetrievalSettings.Default);
}
