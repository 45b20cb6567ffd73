namespace Swarm.Scenarios.Studies;

/// <summary>
/// <c>memory: {enabled?, budget?, history?, reflection?, retrieval?}</c>: agents' long-term memory. <c>budget</c> is the
/// number of events kept per agent before compaction; <c>history</c> the depth of seeded shared history per linked pair.
/// </summary>
public sealed record MemorySettings(bool Enabled, int Budget, int History, ReflectionSettings Reflection, RetrievalSettings Retrieval)
{
    public static readonly MemorySettings Default = new(true, 200, 0, ReflectionSettings.Default, RetrievalSettings.Default);
}
