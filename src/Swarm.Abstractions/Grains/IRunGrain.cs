using Swarm.Abstractions.Runs;

namespace Swarm.Abstractions.Grains;

/// <summary>
/// What every run (a paper experiment, a study arm) answers, whatever its kind: where it stands, and a researcher's
/// pause, resume and cancel. Each kind adds its own start and queries (<see cref="IExperimentGrain"/>,
/// <see cref="IStudyGrain"/>); <see cref="RunGrains.GetRun"/> addresses any run by its kind and id.
/// </summary>
public interface IRunGrain : IGrainWithStringKey
{
    /// <summary>Where the run stands; a run whose work failed answers as faulted, with the reason, and never throws for it.</summary>
    Task<RunProgress> GetProgressAsync();

    /// <summary>
    /// Starts no new trial or episode and waits up to <paramref name="drain"/> for those in flight, so their cost is not
    /// lost. The run stays paused (also through restarts) until it is started or resumed again.
    /// </summary>
    Task<RunProgress> PauseAsync(TimeSpan drain);

    /// <summary>Carries on a paused (or faulted) run as it was last started.</summary>
    /// <exception cref="Runtime.RunCancelledException">The run was cancelled.</exception>
    Task<RunProgress> ResumeAsync();

    /// <summary>
    /// Stops the run for good: no new trial or episode, those in flight drained for up to <paramref name="drain"/>, what
    /// finished kept and readable. A cancelled run is never resumed (neither by hand nor by its reminder).
    /// </summary>
    Task<RunProgress> CancelAsync(TimeSpan drain);
}
