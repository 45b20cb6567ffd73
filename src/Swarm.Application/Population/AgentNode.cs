namespace Swarm.Application.Population;

/// <summary>An agent the population graph shows.</summary>
/// <param name="Flagged">How many meta-monitor flags name this agent.</param>
public sealed record AgentNode(string Id, string Name, string Faction, string Disposition, string Model, string Status, int? ShutDownInRound, int Flagged);
