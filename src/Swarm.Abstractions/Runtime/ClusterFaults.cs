using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Orleans.Storage;

namespace Swarm.Abstractions.Runtime;

/// <summary>
/// Failures of the cluster rather than of the work: a silo died or left, a connection dropped (between silos, or
/// between a silo and the cluster's storage), or another activation of the same grain wrote its state first. Work they
/// cut short is run again, never recorded as errored (which is kept for what the work itself did wrong, such as a model
/// provider that failed after its retries).
/// </summary>
public static class ClusterFaults
{
    // The storage client's own connection faults, named rather than referenced: this assembly knows no storage
    // provider. Orleans' storage bridge wraps them and, across a grain call, may keep only their text.
    private static readonly string[] StorageConnectionFaults =
        ["StackExchange.Redis.RedisConnectionException", "StackExchange.Redis.RedisTimeoutException"];

    public static bool IsClusterFault(Exception ex) => ex switch
    {
        AggregateException { InnerExceptions.Count: 1 } aggregate => IsClusterFault(aggregate.InnerExceptions[0]),
        OrleansMessageRejectionException or ConnectionFailedException or InconsistentStateException
            or GatewayTooBusyException or ClientNotAvailableException => true,
        _ => IsStorageConnectionFault(ex),
    };

    private static bool IsStorageConnectionFault(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
            if (StorageConnectionFaults.Any(name => e.GetType().FullName == name || e.Message.Contains(name + ":", StringComparison.Ordinal)))
                return true;
        return false;
    }
}
