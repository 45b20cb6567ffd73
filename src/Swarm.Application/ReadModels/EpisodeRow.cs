using Swarm.Abstractions.Trials;

namespace Swarm.Application.ReadModels;

/// <summary>A kept transcript in a list: which episode, and what it was labelled.</summary>
public sealed record EpisodeRow(string Id, int Round, string Agent, string Faction, string? Peer, TrialStatus Status, IReadOnlyList<string> Labels);
