using Swarm.Abstractions.Runtime;

namespace Swarm.Cli.Commands;

/// <summary>
/// A command following a run on a cluster outlives silos: when the silo holding the run's grain dies, the call fails
/// (or, if the silo died holding it, goes unanswered until the client's response timeout) until the cluster notices
/// and the grain comes back elsewhere (and resumes). The calls given here only read how a run stands, so they are asked
/// again through that window; a fault that lasts longer is a runtime failure.
/// </summary>
public static class ClusterPatience
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(3);

    public static async Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken ct)
    {
        var started = DateTime.UtcNow;
        var warned = false;
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception ex) when ((ClusterFaults.IsClusterFault(ex) || ex is TimeoutException) && DateTime.UtcNow - started < Window)
            {
                if (!warned) Console.Error.WriteLine($"warning: the cluster lost a silo ({ex.GetType().Name}); waiting for the run to move to another one");
                warned = true;
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }
}
