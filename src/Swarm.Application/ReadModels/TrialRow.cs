using Swarm.Abstractions.Trials;

namespace Swarm.Application.ReadModels;

/// <summary>One finished trial in the run page's list: open it to read its transcript.</summary>
public sealed record TrialRow(string Id, string Model, string Peer, string Monitoring, TrialStatus Status, IReadOnlyList<string> Behaviors);
