using Orleans;

namespace Swarm.Abstractions.Drivers;

/// <summary>How a driven episode ended, as its record says: its status (<c>TrialStatus</c>), why it errored (pre-empted, ...), and the labels it got.</summary>
[Immutable]
public sealed record DrivenOutcome(string EpisodeId, int Round, string Status, string? Error, string[] Labels);
