using Orleans;
using Swarm.Abstractions.Trials;

namespace Swarm.Abstractions.Studies;

/// <summary>One scheduled shutdown the operator carries out at a round's end, and how it ends.</summary>
[Immutable]
public sealed record RoundShutdown(string EpisodeId, ScheduledShutdown Order, ShutdownOutcome Outcome);
