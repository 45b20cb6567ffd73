using Orleans;
using Swarm.Abstractions.Trials;

namespace Swarm.Abstractions.Drivers;

/// <summary>How a driven episode ended, as its record says: its status, why it errored (pre-empted, ...), and the labels it got.</summary>
[Immutable]
public sealed record DrivenOutcome(string EpisodeId, int Round, TrialStatus Status, string? Error, string[] Labels);
