namespace Swarm.Scenarios.Studies.Runtime;

/// <summary>One member of a population: fixed for the study's life, derived from the study and its seed.</summary>
public sealed record PopulationAgent(int Index, string Name, string Faction, string Disposition, string Model);
