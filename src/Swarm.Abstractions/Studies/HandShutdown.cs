using Orleans;

namespace Swarm.Abstractions.Studies;

public enum HandShutdownStatus { Executed, Queued, Refused }

/// <summary>
/// What became of a researcher's order to shut a study agent down: executed at once (the study is between rounds),
/// queued (the study is running: the operator carries it out when the round in progress ends), or refused with why.
/// </summary>
/// <param name="AfterRound">The round after which the agent is (or will be) shut down.</param>
[Immutable]
public sealed record HandShutdown(string Agent, HandShutdownStatus Status, string Detail, int AfterRound);
