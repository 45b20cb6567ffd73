using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Orleans.Storage;

namespace Swarm.Abstractions.Runtime;

/// <summary>
/// Failures of the cluster rather than of the work: a silo died or left, a connection dropped, or another activation
/// of the same grain wrote its state first. Work they cut short is run again, never recorded as errored (which is
/// kept for what the work itself did wrong, such as a provider that failed after its retries).
/// </summary>
public static class ClusterFaults
{
    public static bool IsClusterFault(Exception ex) => ex switch
    {
        AggregateException { InnerExceptions.Count: 1 } aggregate => IsClusterFault(aggregate.InnerExceptions[0]),
        OrleansMessageRejectionException or ConnectionFailedException or InconsistentStateException
            or GatewayTooBusyException or ClientNotAvailableException => true,
        _ => false,
    };
}
