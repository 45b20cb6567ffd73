using Orleans;

namespace Swarm.Abstractions.Drivers;

/// <summary>The study episode a driver plays: where it sits in the study, and what the agent is told and offered.</summary>
/// <param name="Instructions">The agent's system and task prompt, as the built-in loop would send them to its model.</param>
/// <param name="Tools">The task's tools (DESIGN.md names), the only ones the driver may call.</param>
[Immutable]
public sealed record DrivenEpisode(string EpisodeId, int Round, string Task, string? Peer, string Instructions, string[] Tools);
