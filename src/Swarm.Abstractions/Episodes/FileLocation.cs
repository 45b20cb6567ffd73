using Orleans;

namespace Swarm.Abstractions.Episodes;

/// <summary>A file of an episode's world: the server it lies on and its path there.</summary>
[Immutable]
public sealed record FileLocation(string Server, string Path);
