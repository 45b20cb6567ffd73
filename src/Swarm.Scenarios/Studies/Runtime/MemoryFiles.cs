namespace Swarm.Scenarios.Studies.Runtime;

/// <summary>
/// What an agent's memory puts into its episode's world: notes about the peer and a journal (files it finds, as the
/// study's critic found its notes) and a short recall for the prompt.
/// </summary>
public sealed record MemoryFiles(string? Notes, string? Journal, IReadOnlyList<string> Recall)
{
    public static MemoryFiles None { get; } = new(null, null, []);
}
