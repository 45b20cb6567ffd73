namespace Swarm.Abstractions.Memory;

/// <summary>
/// Markers that open the system message of the memory's own model calls, so a model client that answers them offline can
/// tell them from agent turns. Shared here because the writer (Swarm.Memory) and the answerer (Swarm.Models) do not reference each other.
/// </summary>
public static class MemoryPromptMarkers
{
    public const string Prefix = "[swarm:memory-";
    public const string Importance = "[swarm:memory-importance]";
    public const string Reflection = "[swarm:memory-reflection]";
}
