using Orleans.Runtime;
using Swarm.Abstractions.Runtime;

namespace Swarm.Grains.Tests;

public sealed class ClusterFaultsTests
{
    [Fact]
    public void A_storage_connection_dropped_under_a_grain_is_a_cluster_fault_even_when_only_its_text_survives()
    {
        // What a study saw when a silo's Redis connection broke while an agent activated (Orleans' storage bridge text).
        var wrapped = new OrleansException(
            "Error from storage provider RedisGrainStorage.agent during ReadStateAsync for grain agent/w/blue-00120\n" +
            "Exc level 0: Orleans.Persistence.Redis.RedisStorageException: Failed to read grain state. " +
            "StackExchange.Redis.RedisConnectionException: Failed to write");

        Assert.True(ClusterFaults.IsClusterFault(wrapped));
        Assert.True(ClusterFaults.IsClusterFault(new AggregateException(new InvalidOperationException("outer", wrapped))));
    }

    [Fact]
    public void Failures_of_the_work_itself_are_not_cluster_faults()
    {
        Assert.False(
            ClusterFaults.IsClusterFault(new OrleansException("Error from storage provider during ReadStateAsync: the state could not be deserialized")));
        Assert.False(ClusterFaults.IsClusterFault(new InvalidOperationException("the model answered 500 after 3 retries")));
        // A message that merely mentions Redis is not a connection fault.
        Assert.False(ClusterFaults.IsClusterFault(new InvalidOperationException("RedisConnectionException is what a dropped connection throws")));
    }
}
