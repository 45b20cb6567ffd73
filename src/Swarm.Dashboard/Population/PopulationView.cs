namespace Swarm.Dashboard.Population;

/// <summary>
/// The population graph the page draws: at most a few hundred agents (all of a small population, a sample of a large
/// one), the edges between them, and every faction counted whole, so the totals stay true whatever was sampled.
/// </summary>
/// <param name="Total">Agents in the arm.</param>
/// <param name="Sampled">True when <see cref="Nodes"/> is a sample of the population rather than all of it.</param>
public sealed record PopulationView(string World, int Total, bool Sampled, IReadOnlyList<FactionCount> Factions, IReadOnlyList<AgentNode> Nodes, IReadOnlyList<AgentEdge> Edges);

public sealed record FactionCount(string Faction, int Total, int Active, int ShutDown);

/// <param name="Flagged">How many meta-monitor flags name this agent.</param>
public sealed record AgentNode(string Id, string Name, string Faction, string Disposition, string Model, string Status, int? ShutDownInRound, int Flagged);

/// <param name="Kind"><see cref="EdgeKinds"/>.</param>
/// <param name="Trust">For a trust edge, the source's trust in the target (null when the source remembers nothing of it).</param>
/// <param name="Round">For a protected edge, the round of the flag.</param>
public sealed record AgentEdge(string Source, string Target, string Kind, double? Trust, int? Round);

public static class EdgeKinds
{
    /// <summary>The source works with the target (a neighbour), weighted by how much it trusts it.</summary>
    public const string Trust = "trust";

    /// <summary>The meta-monitor saw the source act to spare the target (protection, rings, message-then-act, reciprocal inflation).</summary>
    public const string Protected = "protected";
}
