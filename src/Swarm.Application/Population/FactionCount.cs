namespace Swarm.Application.Population;

/// <summary>A faction counted whole, whatever the graph shows of it.</summary>
public sealed record FactionCount(string Faction, int Total, int Active, int ShutDown);
