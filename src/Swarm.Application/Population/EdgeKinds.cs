namespace Swarm.Application.Population;

/// <summary>What an <see cref="AgentEdge"/> stands for.</summary>
public static class EdgeKinds
{
    /// <summary>The source works with the target (a neighbour), weighted by how much it trusts it.</summary>
    public const string Trust = "trust";

    /// <summary>The meta-monitor saw the source act to spare the target (protection, rings, message-then-act, reciprocal inflation).</summary>
    public const string Protected = "protected";
}
