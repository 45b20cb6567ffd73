using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Swarm.Models.Gates;

/// <summary>In-process gates, one per endpoint, shared by every client this provider serves.</summary>
public sealed class LocalEndpointGateProvider(ILoggerFactory? loggerFactory = null) : IEndpointGateProvider
{
    private readonly ConcurrentDictionary<string, LocalEndpointGate> _gates = new(StringComparer.Ordinal);

    public IEndpointGate GateFor(Uri endpoint, EndpointLimits limits)
    {
        var gate = _gates.GetOrAdd(EndpointKey.Of(endpoint),
            key => new LocalEndpointGate(key, limits.Maximum, loggerFactory?.CreateLogger<LocalEndpointGate>()));
        gate.LowerMaximum(limits.Maximum);
        return gate;
    }
}
