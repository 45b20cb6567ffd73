using Orleans;

namespace Swarm.Abstractions.Providers;

/// <summary>An endpoint gate at a glance.</summary>
/// <param name="Limit">Calls allowed in flight now (lowered after 429s, back up to <paramref name="Maximum"/> on successes).</param>
/// <param name="InFlight">Leases held.</param>
/// <param name="Waiting">Callers queued for a lease.</param>
[Immutable]
public sealed record GateStatus(int Limit, int Maximum, int InFlight, int Waiting);
