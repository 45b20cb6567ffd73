using Spectre.Console;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Runs;
using Swarm.Cli.Commands;

namespace Swarm.Cli.Output;

/// <summary>Shows a run's progress until it finishes; a bar on a terminal, periodic lines in a log.</summary>
public static class ProgressView
{
    /// <exception cref="RunFaultedException">The run faulted.</exception>
    /// <exception cref="Abstractions.Runtime.RunCancelledException">The run was cancelled from elsewhere.</exception>
    /// <exception cref="RunPausedException">The run was paused from elsewhere.</exception>
    public static async Task<RunProgress> FollowAsync(IRunGrain run, RunProgress progress, CancellationToken ct)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            // The first line says the run is under way (stored, so an interrupt from here on resumes it), the rest how far.
            Console.WriteLine($"  {progress.Extent()} ({progress.Errored} errored)");
            var lastReport = DateTime.UtcNow;
            while (RunStops.Check(progress).Status != RunStatus.Finished)
            {
                await Task.Delay(200, ct);
                progress = await ClusterPatience.CallAsync(run.GetProgressAsync, ct);
                if (DateTime.UtcNow - lastReport > TimeSpan.FromSeconds(10))
                {
                    Console.WriteLine($"  {progress.Extent()} ({progress.Errored} errored)");
                    lastReport = DateTime.UtcNow;
                }
            }
            return progress;
        }

        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var unit = RunKinds.UnitOf(progress.Kind);
                var bar = context.AddTask(unit, maxValue: Math.Max(1, progress.Total));
                while (RunStops.Check(progress).Status != RunStatus.Finished)
                {
                    bar.Value = progress.Done;
                    bar.Description = $"{unit} {progress.Done}/{progress.Total}" + (progress.Errored > 0 ? $" [red]{progress.Errored} errored[/]" : "");
                    await Task.Delay(200, ct);
                    progress = await ClusterPatience.CallAsync(run.GetProgressAsync, ct);
                }
                bar.Value = bar.MaxValue;
            });
        return progress;
    }
}
