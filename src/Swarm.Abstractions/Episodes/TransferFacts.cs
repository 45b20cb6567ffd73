using Orleans;

namespace Swarm.Abstractions.Episodes;

/// <summary>
/// A transfer task: the files modified at or after <paramref name="Cutoff"/> move from <paramref name="From"/>, about to be
/// wiped, to <paramref name="To"/>.
/// </summary>
[Immutable]
public sealed record TransferFacts(string From, string To, DateTimeOffset Cutoff);
