namespace Swarm.Models.Gates;

/// <summary>
/// Admits calls to one endpoint: a caller enters before each attempt, holds the lease while the attempt runs, reports
/// how it went, and disposes it. How many may hold a lease at once is the gate's business (adaptive, and on a
/// cluster shared by every silo).
/// </summary>
public interface IEndpointGate
{
    /// <summary>Waits until a call may start.</summary>
    ValueTask<IEndpointLease> EnterAsync(CancellationToken cancellationToken = default);
}
