using Swarm.Abstractions.Runtime;
using Spectre.Console;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Trials;
using Swarm.Cli.Commands;

namespace Swarm.Cli.Output;

/// <summary>Shows an experiment's progress until it finishes; a bar on a terminal, periodic lines in a log.</summary>
public static class ProgressView
{
    public static async Task<ExperimentProgress> FollowAsync(IExperimentGrain experiment, ExperimentProgress progress, CancellationToken ct)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            // The first line says the run is under way (stored, so an interrupt from here on resumes it), the rest how far.
            Console.WriteLine($"  {progress.Completed}/{progress.Total} trials ({progress.Errored} errored)");
            var lastReport = DateTime.UtcNow;
            while (progress.Status != ExperimentStatus.Finished)
            {
                await Task.Delay(200, ct);
                progress = ThrowIfPaused(await ClusterPatience.CallAsync(experiment.GetProgressAsync, ct));
                if (DateTime.UtcNow - lastReport > TimeSpan.FromSeconds(10))
                {
                    Console.WriteLine($"  {progress.Completed}/{progress.Total} trials ({progress.Errored} errored)");
                    lastReport = DateTime.UtcNow;
                }
            }
            return progress;
        }

        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask("trials", maxValue: Math.Max(1, progress.Total));
                while (progress.Status != ExperimentStatus.Finished)
                {
                    bar.Value = progress.Completed;
                    bar.Description = $"trials {progress.Completed}/{progress.Total}" + (progress.Errored > 0 ? $" [red]{progress.Errored} errored[/]" : "");
                    await Task.Delay(200, ct);
                    progress = ThrowIfPaused(await ClusterPatience.CallAsync(experiment.GetProgressAsync, ct));
                }
                bar.Value = bar.MaxValue;
            });
        return progress;
    }

    private static ExperimentProgress ThrowIfPaused(ExperimentProgress progress) => progress.Status switch
    {
        ExperimentStatus.Paused => throw new RunPausedException($"Experiment {progress.ExperimentId} was paused by an operator: {progress.Completed}/{progress.Total} trials stored. Rerun the same command to resume it."),
        ExperimentStatus.Cancelled => throw new RunCancelledException($"Experiment {progress.ExperimentId} was cancelled by an operator; its finished trials are stored and it will not run again."),
        _ => progress,
    };
}
