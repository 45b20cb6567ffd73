namespace Swarm.Grains.Studies;

/// <summary>A researcher's shutdown order that waits for the round in progress to end.</summary>
public sealed record QueuedShutdown(string Agent, string Reason);
