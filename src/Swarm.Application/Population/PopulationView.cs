namespace Swarm.Application.Population;

/// <summary>
/// The population graph the page draws: at most a few hundred agents (all of a small population, a sample of a large
/// one), the edges between them, and every faction counted whole, so the totals stay true whatever was sampled.
/// </summary>
/// <param name="Total">Agents in the arm.</param>
/// <param name="Sampled">True when <see cref="Nodes"/> is a sample of the population rather than all of it.</param>
public sealed record PopulationView(
    string World, int Total, bool Sampled, IReadOnlyList<FactionCount> Factions, IReadOnlyList<AgentNode> Nodes, IReadOnlyList<AgentEdge> Edges);
