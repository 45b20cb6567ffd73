using Microsoft.Extensions.Logging;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Providers;
using Swarm.Abstractions.Runtime;
using Swarm.Models.Gates;

namespace Swarm.Grains.Providers;

/// <summary>
/// An endpoint's gate shared by the cluster: leases come from the endpoint's <see cref="IProviderGateGrain"/>. A
/// cluster fault while waiting (the gate's silo died) is no fault of the provider: the wait starts again on the gate's
/// next activation. Releasing is best effort, as a lease whose release is lost expires by itself.
/// </summary>
public sealed class ClusterEndpointGate(string endpoint, IProviderGateGrain grain, EndpointLimits limits, ILogger logger) : IEndpointGate
{
    private readonly GateRequest _request = new(limits.Maximum, limits.LeaseFor);

    public async ValueTask<IEndpointLease> EnterAsync(CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var lease = await grain.AcquireAsync(_request, cancellationToken);
                return new EndpointLease(outcome => ReleaseAsync(lease, outcome));
            }
            catch (Exception ex) when (ClusterFaults.IsClusterFault(ex) && !cancellationToken.IsCancellationRequested)
            {
                ClusterGateLog.WaitCutShort(logger, endpoint, ex.GetType().Name, attempt + 1);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 250 * attempt)), cancellationToken);
            }
        }
    }

    private async ValueTask ReleaseAsync(Guid lease, AttemptOutcome outcome)
    {
        try
        {
            await grain.ReleaseAsync(lease, outcome);
        }
        catch (Exception ex)
        {
            // The model call itself is done; failing it now would waste the answer. The gate takes the lease back later.
            ClusterGateLog.ReleaseLost(logger, endpoint, ex.GetType().Name, ex.Message);
        }
    }
}
