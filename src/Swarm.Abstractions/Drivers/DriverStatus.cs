using Orleans;

namespace Swarm.Abstractions.Drivers;

/// <summary>What a driver learns each time it checks in: its phase, the episode once begun, the outcome once played.</summary>
[Immutable]
public sealed record DriverStatus(DriverPhase Phase, DrivenEpisode? Episode, DrivenOutcome? Outcome);
