using Swarm.Abstractions.Runs;
using Swarm.Abstractions.Runtime;
using Swarm.Cli.Commands;

namespace Swarm.Cli.Output;

/// <summary>
/// What a command following a run makes of how it stands, whatever its kind: a run faulted, cancelled from elsewhere,
/// or paused from elsewhere while the command still waits for its work, ends the command.
/// </summary>
public static class RunStops
{
    /// <param name="awaited">The command still waits for this run's work (a study arm paused at its session's end is not stopped).</param>
    /// <exception cref="RunFaultedException">The run faulted.</exception>
    /// <exception cref="RunCancelledException">The run was cancelled.</exception>
    /// <exception cref="RunPausedException">The run was paused while awaited.</exception>
    public static RunProgress Check(RunProgress progress, bool awaited = true) => progress.Status switch
    {
        RunStatus.Faulted => throw new RunFaultedException(
            $"{Name(progress)} faulted: {progress.Fault}. What finished is stored ({progress.Extent()}); rerun the same command to try it again."),
        RunStatus.Cancelled => throw new RunCancelledException(
            $"{Name(progress)} was cancelled by an operator: {progress.Extent()} stored, and it will not run again."),
        RunStatus.Paused when awaited => throw new RunPausedException(
            $"{Name(progress)} was paused by an operator: {progress.Extent()} stored. Rerun the same command to resume it."),
        _ => progress,
    };

    /// <summary>The first of <paramref name="runs"/> that stops the command, the worst first (faulted, then cancelled, then paused).</summary>
    public static void Check(IEnumerable<RunProgress> runs, Func<RunProgress, bool> awaited)
    {
        foreach (var run in runs.OrderBy(r => r.Status switch { RunStatus.Faulted => 0, RunStatus.Cancelled => 1, _ => 2 })) Check(run, awaited(run));
    }

    private static string Name(RunProgress progress) => $"{RunKinds.Title(progress.Kind)} {progress.Id}";
}
