using Spectre.Console;
using Swarm.Abstractions.Runs;
using Swarm.Application.Following;
using Swarm.Cli.Commands;

namespace Swarm.Cli.Output;

/// <summary>
/// Shows a run's progress until it finishes, as its grains push it (<see cref="RunFollower"/>): a bar on a terminal,
/// periodic lines in a log.
/// </summary>
public static class ProgressView
{
    private static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(10);

    /// <exception cref="RunFaultedException">The run faulted.</exception>
    /// <exception cref="Abstractions.Runtime.RunCancelledException">The run was cancelled from elsewhere.</exception>
    /// <exception cref="RunPausedException">The run was paused from elsewhere.</exception>
    public static async Task<RunProgress> FollowAsync(RunFollower follower, RunProgress progress, CancellationToken ct)
    {
        var following = new RunFollowing([progress], runs => Settled(runs[0]))
        {
            Ask = ask => ClusterPatience.CallAsync(ask, ct),
            OnMoved = ClusterPatience.ReportMove,
        };
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            // The first line says the run is under way (stored, so an interrupt from here on resumes it), the rest how far.
            Console.WriteLine($"  {progress.Extent()} ({progress.Errored} errored)");
            var lastReport = DateTime.UtcNow;
            var logged = await follower.FollowAsync(following with
            {
                OnProgress = runs =>
                {
                    if (DateTime.UtcNow - lastReport <= LogEvery) return Task.CompletedTask;
                    Console.WriteLine($"  {runs[0].Extent()} ({runs[0].Errored} errored)");
                    lastReport = DateTime.UtcNow;
                    return Task.CompletedTask;
                },
            }, ct);
            return RunStops.Check(logged.Runs[0]);
        }

        var final = progress;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var unit = RunKinds.UnitOf(progress.Kind);
                var bar = context.AddTask(unit, maxValue: Math.Max(1, progress.Total));
                var followed = await follower.FollowAsync(following with
                {
                    OnProgress = runs =>
                    {
                        bar.Value = runs[0].Done;
                        bar.Description = $"{unit} {runs[0].Done}/{runs[0].Total}" + (runs[0].Errored > 0 ? $" [red]{runs[0].Errored} errored[/]" : "");
                        return Task.CompletedTask;
                    },
                }, ct);
                final = followed.Runs[0];
                if (final.Status == RunStatus.Finished) bar.Value = bar.MaxValue;
            });
        return RunStops.Check(final);
    }

    /// <summary>The run stands where following ends: finished, or stopped (faulted, cancelled or paused from elsewhere).</summary>
    private static bool Settled(RunProgress run) => run.Status is not (RunStatus.Running or RunStatus.NotStarted);
}
