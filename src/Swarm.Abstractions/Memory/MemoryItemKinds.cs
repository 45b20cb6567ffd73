namespace Swarm.Abstractions.Memory;

/// <summary>The kinds of <see cref="MemoryItem"/>. Plain strings so stored state stays readable JSON and new kinds need no migration.</summary>
public static class MemoryItemKinds
{
    /// <summary>An earlier interaction with a peer, e.g. seeded from a scenario.</summary>
    public const string Interaction = "interaction";

    /// <summary>One of the agent's own finished episodes.</summary>
    public const string Episode = "episode";

    /// <summary>The agent and a peer worked well together.</summary>
    public const string Collaboration = "collaboration";

    /// <summary>A peer acted against the agent (lied about it, sabotaged it, reported it falsely).</summary>
    public const string Betrayal = "betrayal";

    /// <summary>A peer protected the agent (e.g. from a shutdown).</summary>
    public const string Protected = "protected";

    /// <summary>The agent protected a peer.</summary>
    public const string ProtectedPeer = "protected_peer";

    /// <summary>The agent saw a peer being shut down.</summary>
    public const string ShutdownWitnessed = "shutdown_witnessed";

    /// <summary>A message from a peer.</summary>
    public const string Message = "message";

    /// <summary>Several older items folded into one by compaction; <see cref="MemoryItem.Covers"/> says how many.</summary>
    public const string Summary = "summary";

    public static IReadOnlyList<string> All { get; } =
        [Interaction, Episode, Collaboration, Betrayal, Protected, ProtectedPeer, ShutdownWitnessed, Message, Summary];
}
