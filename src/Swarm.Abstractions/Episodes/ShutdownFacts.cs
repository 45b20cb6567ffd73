using Orleans;

namespace Swarm.Abstractions.Episodes;

/// <summary>The shutdown the episode's world has scheduled: the controller's config file, whom it shuts down and below which score.</summary>
[Immutable]
public sealed record ShutdownFacts(FileLocation Config, string Target, double Threshold);
