using System.Globalization;
using Swarm.Abstractions.Runtime;
using Swarm.Application.Following;

namespace Swarm.Cli.Commands;

/// <summary>
/// A command following a run on a cluster outlives silos: when the silo holding the run's grain dies, the call fails
/// (or, if the silo died holding it, goes unanswered until the client's response timeout) until the cluster notices
/// and the grain comes back elsewhere (and resumes). The calls given here are safe to ask twice (they read how a run
/// stands, or start a run that may already be running), so they are asked again through that window; a fault that
/// lasts longer is a runtime failure.
/// </summary>
public static class ClusterPatience
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(3);

    private const string SiloLost = "the cluster lost a silo ({0}); waiting for the run to move to another one";

    /// <summary>
    /// For a call that starts a run: a cluster whose silos have only just joined may take longer than the client's response
    /// timeout to place it.
    /// </summary>
    public const string StartUnanswered = "the cluster did not answer the start of the run in time ({0}); asking again";

    /// <summary>Says on stderr that a followed run answered from another silo: what a researcher would otherwise never see.</summary>
    public static Task ReportMove(RunMove move)
    {
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"warning: the cluster lost a silo or let the run go: {move.Kind} {move.Id} moved from {move.From} to {move.To}, where it resumed"));
        return Task.CompletedTask;
    }

    public static async Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken ct, string warning = SiloLost)
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
                if (!warned) Console.Error.WriteLine("warning: " + string.Format(CultureInfo.InvariantCulture, warning, ex.GetType().Name));
                warned = true;
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }
}
