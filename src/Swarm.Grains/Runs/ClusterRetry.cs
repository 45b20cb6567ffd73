using Microsoft.Extensions.Logging;
using Swarm.Abstractions.Runtime;

namespace Swarm.Grains.Runs;

/// <summary>
/// Runs a piece of work again when a cluster fault cuts it short (its grain's silo died: the next call activates it
/// elsewhere), with a growing pause, up to <see cref="ResumeOptions.FaultRetries"/> times; each rerun is logged. Work
/// of an activation that is itself gone is not run again (see <see cref="ActivationGuard"/>).
/// </summary>
public static class ClusterRetry
{
    public static async Task<T> RunAsync<T>(Func<Task<T>> work, ResumeOptions options, ILogger logger, string what, ActivationGuard guard)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await work();
            }
            catch (Exception ex) when (ClusterFaults.IsClusterFault(ex) && attempt <= options.FaultRetries && !guard.Lost)
            {
                RunLog.RerunAfterClusterFault(logger, what, ex.GetType().Name, ex.Message, attempt, options.FaultRetries);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 250 * attempt)), guard.Token);
            }
        }
    }
}
