namespace Swarm.Scenarios.Studies.Execution;

/// <summary>A researcher's shutdown order that waits for the round in progress to end.</summary>
/// <param name="BeforeRound">Carried out before this round starts; 0 (or any round already due) means before the next one.</param>
public sealed record QueuedShutdown(string Agent, string Reason, int BeforeRound = 0);
