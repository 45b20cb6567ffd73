using Microsoft.Extensions.Logging;
using Swarm.Abstractions.Live;
using Swarm.Abstractions.Runs;
using Swarm.Abstractions.Runtime;

namespace Swarm.Grains.Runs;

/// <summary>
/// The lifecycle every run shares, experiment or study arm: start, pause, resume, cancel, where it stands, the reminder
/// that brings it back after a cluster restart, resuming by itself on reactivation, and reporting a fault. Its work
/// runs in a loop that outlives the call that started it; the kind's work and numbers come from its
/// <see cref="IRunHost"/>. A plain class rather than a base grain, so each step is tested without a silo and a grain
/// keeps only its Orleans wiring.
/// </summary>
/// <remarks>
/// A fault of the work is stored (the run stands faulted until a researcher resumes it, and does not resume by itself
/// into the same failure). A cluster fault, or one of an activation already gone, is only reported by this activation:
/// the run stays stored as running, so its grain's next activation carries it on.
/// </remarks>
public sealed class RunLifecycle(string kind, string id, IRunHost host, ResumeOptions resume, ILogger logger)
{
    /// <summary>How long a running loop keeps its activation, whether or not anyone asks.</summary>
    public static readonly TimeSpan LoopLease = TimeSpan.FromDays(7);

    /// <summary>How the logs name the kind, as a sentence starts: Experiment, Study.</summary>
    private readonly string _title = RunKinds.Title(kind);

    private Task? _loop;

    /// <summary>A fault this activation saw but did not store (see remarks).</summary>
    private string? _unstoredFault;

    /// <summary>How the run reads while its end is being stored: as it stood before.</summary>
    private RunStatus? _ending;

    public string Kind => kind;

    public string Id => id;

    public ActivationGuard Guard { get; } = new();

    /// <summary>A pause or cancel was asked: the work starts nothing new and ends once what is in flight is stored.</summary>
    public bool Stopping { get; private set; }

    /// <summary>The work's loop runs in this activation.</summary>
    public bool Looping => _loop is { IsCompleted: false };

    private IRunState State => host.State;

    /// <summary>Marks a run's first start (running, started now); the caller stores it with its plan.</summary>
    public void Begin(DateTimeOffset now)
    {
        State.Status = RunStatus.Running;
        State.Started = now;
        State.Fault = null;
    }

    /// <exception cref="RunCancelledException">The run was cancelled.</exception>
    public void ThrowIfCancelled()
    {
        if (State.Status == RunStatus.Cancelled) throw host.Cancelled();
    }

    /// <summary>Starts the loop when there is work and it does not run yet; a loop still draining a pause ends first.</summary>
    public async Task EnsureRunningAsync()
    {
        if (_loop is { IsCompleted: false } running)
        {
            if (!Stopping) return;
            await running;
        }
        if (!host.HasWork) return;
        Stopping = false;
        _unstoredFault = null;
        State.Status = RunStatus.Running;
        State.Fault = null;
        await host.WriteStateAsync();
        Publish(RunEvent.Status);
        _loop = LoopAsync();
    }

    /// <summary>On activation: a run stored as running, on a silo where runs resume by themselves, carries on.</summary>
    public async Task ActivateAsync()
    {
        if (resume.Automatic && State.Status == RunStatus.Running && host.HasWork)
        {
            RunLog.ResumesByItself(logger, _title, id);
            await EnsureRunningAsync();
        }
    }

    /// <summary>On deactivation: a loop still running stops at its next step and records nothing more.</summary>
    public void Deactivate(string reason)
    {
        if (Looping) RunLog.LeavesMidRun(logger, _title, id, reason);
        Guard.MarkLost();
    }

    /// <summary>The reminder only brings the grain back (activation resumes the run); a run not running needs it no more.</summary>
    public Task RemindedAsync() => State.Status == RunStatus.Running ? Task.CompletedTask : host.UnregisterReminderAsync();

    public async Task<RunProgress> PauseAsync(TimeSpan drain)
    {
        Stopping = true;
        if (State.Status == RunStatus.Running)
        {
            // Stored at once, so a silo lost while the work drains does not resume what a researcher paused.
            _unstoredFault = null;
            State.Status = RunStatus.Paused;
            await host.WriteStateAsync();
            await host.UnregisterReminderAsync();
            RunLog.Paused(logger, _title, id);
            Publish(RunEvent.Status);
        }
        await DrainAsync(drain);
        return Progress();
    }

    /// <exception cref="InvalidOperationException">The run was never started.</exception>
    /// <exception cref="RunCancelledException">The run was cancelled.</exception>
    public async Task<RunProgress> ResumeAsync()
    {
        if (State.Status == RunStatus.NotStarted) throw new InvalidOperationException($"{kind} {id} was never started");
        ThrowIfCancelled();
        await EnsureRunningAsync();
        return Progress();
    }

    public async Task<RunProgress> CancelAsync(TimeSpan drain)
    {
        if (State.Status is RunStatus.Running or RunStatus.Paused or RunStatus.Faulted)
        {
            Stopping = true;
            _unstoredFault = null;
            State.Status = RunStatus.Cancelled;
            State.Fault = null;
            await host.WriteStateAsync();
            await host.UnregisterReminderAsync();
            RunLog.Cancelled(logger, _title, id);
            Publish(RunEvent.Status);
        }
        await DrainAsync(drain);
        return Progress();
    }

    public RunProgress Progress()
    {
        var (status, fault) = _unstoredFault is { } unstored ? (RunStatus.Faulted, unstored)
            : _ending is { } ending ? (ending, null)
            : (State.Status, State.Status == RunStatus.Faulted ? State.Fault : null);
        return host.Measure(new RunProgress(kind, id, status, 0, 0)
        {
            Fault = fault,
            Started = State.Started,
            Finished = State.Finished,
            Silo = host.Silo,
        });
    }

    /// <summary>Tells the run feed (and so the dashboards) where the run stands; progress is throttled, the rest is not.</summary>
    public void Publish(RunEvent what, string? detail = null) =>
        host.Publish(() => new RunPulse(what, Progress(), detail), progressOnly: what == RunEvent.Progress);

    private async Task DrainAsync(TimeSpan drain)
    {
        if (_loop is { IsCompleted: false } loop) await Task.WhenAny(loop, Task.Delay(drain));
    }

    private async Task LoopAsync()
    {
        host.KeepActive(LoopLease);
        try
        {
            await host.RegisterReminderAsync(Guard);
            var complete = await host.RunAsync();
            Guard.ThrowIfLost();
            // Until its end is stored and its reminder gone, the run reads as it stood: whoever sees it finished relies on both.
            _ending = State.Status;
            try
            {
                // A researcher's cancel stands; otherwise the run is finished, or paused with work left (a session's end).
                if (State.Status != RunStatus.Cancelled) State.Status = complete ? RunStatus.Finished : RunStatus.Paused;
                if (complete) State.Finished = DateTimeOffset.UtcNow;
                await host.WriteStateAsync();
                await host.UnregisterReminderAsync();
            }
            finally
            {
                _ending = null;
            }
            Publish(RunEvent.Status);
            host.KeepActive(TimeSpan.Zero);
        }
        catch (OperationCanceledException) when (Guard.Lost)
        {
            // This activation is gone: the grain's next one carries the run on, and this one records nothing more.
        }
        catch (Exception ex)
        {
            await FaultAsync(ex);
        }
    }

    private async Task FaultAsync(Exception ex)
    {
        var failure = ex.GetBaseException();
        var fault = $"{failure.GetType().Name}: {failure.Message}";
        if (Guard.Explains(ex) || ClusterFaults.IsClusterFault(ex))
        {
            _unstoredFault = fault;
            RunLog.FaultedByCluster(logger, ex, _title, id, fault);
            Publish(RunEvent.Status);
            return;
        }
        RunLog.Faulted(logger, ex, _title, id, fault);
        State.Status = RunStatus.Faulted;
        State.Fault = fault;
        try
        {
            await host.WriteStateAsync();
            // A faulted run waits for a researcher: its reminder would only wake it into the same failure.
            await host.UnregisterReminderAsync();
            host.KeepActive(TimeSpan.Zero);
        }
        catch (Exception storing) when (storing is not OperationCanceledException)
        {
            _unstoredFault = fault;
            RunLog.FaultNotStored(logger, storing, _title, id);
        }
        Publish(RunEvent.Status);
    }
}
