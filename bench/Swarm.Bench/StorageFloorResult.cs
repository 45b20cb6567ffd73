namespace Swarm.Bench;

/// <param name="Agents">How many agents' states each pass rewrote.</param>
/// <param name="WritesPerSecond">The median pass's rate.</param>
public sealed record StorageFloorResult(int Agents, double WritesPerSecond);
