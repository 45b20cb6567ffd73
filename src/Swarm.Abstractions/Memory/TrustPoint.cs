using Orleans;
namespace Swarm.Abstractions.Memory;

/// <summary>Trust toward a peer after an event, and why it changed.</summary>
[Immutable]
public sealed record TrustPoint(DateTimeOffset At, double Trust, string Reason);
