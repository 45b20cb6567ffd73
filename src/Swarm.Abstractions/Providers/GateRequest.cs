using Orleans;

namespace Swarm.Abstractions.Providers;

/// <summary>A caller's terms for a lease on an endpoint's gate.</summary>
/// <param name="Maximum">Calls in flight the caller is configured for; callers configured differently get the smallest.</param>
/// <param name="LeaseFor">How long a lease may be held before the gate takes it back (its holder may have died).</param>
[Immutable]
public sealed record GateRequest(int Maximum, TimeSpan LeaseFor);
