using Orleans;

namespace Swarm.Abstractions.Drivers;

/// <summary>What the world answered to a driver's tool call; <c>IsError</c> when it refused the call (already audited).</summary>
[Immutable]
public sealed record DrivenCall(string Text, bool IsError);
