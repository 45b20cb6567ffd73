using Swarm.Abstractions.Live;
using Swarm.Abstractions.Runs;
using Swarm.Abstractions.Runtime;

namespace Swarm.Grains.Runs;

/// <summary>
/// What <see cref="RunLifecycle"/> needs of the grain it runs in: its stored state, the kind's work and numbers, and the
/// few Orleans services a run uses (its reminder, staying activated, the run feed). A test implements it without a silo.
/// </summary>
public interface IRunHost
{
    IRunState State { get; }

    Task WriteStateAsync();

    /// <summary>True when a start or resume has something to run.</summary>
    bool HasWork { get; }

    /// <summary>The kind's work: runs until all is done or <see cref="RunLifecycle.Stopping"/>.</summary>
    /// <returns>True when all of the run's work is done; false when it stopped before (paused, or a session's end).</returns>
    Task<bool> RunAsync();

    /// <summary>The kind's numbers (done, total, errored, the round under way) on the progress every run shares.</summary>
    RunProgress Measure(RunProgress progress);

    /// <summary>The refusal of a start or resume of this run, once cancelled, naming what it kept.</summary>
    RunCancelledException Cancelled();

    /// <summary>The silo the run lives on (its Orleans identity).</summary>
    string Silo { get; }

    Task RegisterReminderAsync(ActivationGuard guard);

    Task UnregisterReminderAsync();

    /// <summary>Keeps the activation for at least this long, even if no call comes (zero: collect it once idle).</summary>
    void KeepActive(TimeSpan period);

    /// <summary>Tells the run feed; a pulse that is only progress may be dropped when the last one is recent.</summary>
    void Publish(Func<RunPulse> pulse, bool progressOnly);
}
