using Orleans;
using Orleans.Concurrency;
using Swarm.Abstractions.Providers;

namespace Swarm.Abstractions.Grains;

/// <summary>
/// Key: an endpoint (its URL up to the path). The one concurrency limit for that endpoint across every silo of a
/// cluster, so N silos do not multiply it. Adaptive: a 429 lowers it, successes raise it back to the maximum.
/// Held in memory only: an activation lost with its silo comes back at its maximum and forgets the leases then in
/// flight, so for about one lease's time up to twice the limit may run.
/// </summary>
public interface IProviderGateGrain : IGrainWithStringKey
{
    /// <summary>Waits, first come first served, until a call may start; returns the lease to release.</summary>
    [AlwaysInterleave]
    Task<Guid> AcquireAsync(GateRequest request, CancellationToken cancellationToken = default);

    /// <summary>Ends a lease and says how its attempt went; a lease already taken back is ignored.</summary>
    [AlwaysInterleave]
    Task ReleaseAsync(Guid lease, AttemptOutcome outcome);

    [AlwaysInterleave]
    Task<GateStatus> GetStatusAsync();
}
