using Microsoft.Extensions.Logging;
using Swarm.Abstractions.Grains;
using Swarm.Models.Gates;

namespace Swarm.Grains.Providers;

/// <summary>Gates whose limits hold across the cluster: one <see cref="IProviderGateGrain"/> per endpoint.</summary>
public sealed class ClusterEndpointGateProvider(IGrainFactory grains, ILogger<ClusterEndpointGate> logger) : IEndpointGateProvider
{
    public IEndpointGate GateFor(Uri endpoint, EndpointLimits limits)
    {
        var key = EndpointKey.Of(endpoint);
        return new ClusterEndpointGate(key, grains.GetGrain<IProviderGateGrain>(key), limits, logger);
    }
}
