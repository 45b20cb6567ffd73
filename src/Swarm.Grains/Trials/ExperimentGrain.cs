using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Swarm.Abstractions.Runtime;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Live;
using Swarm.Abstractions.Runs;
using Swarm.Abstractions.Trials;
using Swarm.Grains.Runs;
using Swarm.Grains.Telemetry;
using Swarm.Scenarios.Trials;

namespace Swarm.Grains.Trials;

public sealed class ExperimentGrainState
{
    public ExperimentPlan? Plan { get; set; }
    public ExperimentStatus Status { get; set; }
    public DateTimeOffset? Started { get; set; }
    public DateTimeOffset? Finished { get; set; }

    /// <summary>Errored trials at the last finish: a rerun retries them, a clean finish is left as it is.</summary>
    public int Errored { get; set; }
}

/// <summary>
/// Runs a plan's trials with bounded concurrency. Each trial's record is durable in its own grain, so after a
/// crash the same plan resumes: finished trials answer from storage at once and only the rest run. A trial cut
/// short by a cluster fault runs again; on a cluster an unfinished experiment resumes by itself (see
/// <see cref="ResumeOptions"/>).
/// </summary>
[GrainType(GrainKeys.ExperimentType)]
public sealed class ExperimentGrain(
    [PersistentState("experiment", GrainKeys.Storage)] IPersistentState<ExperimentGrainState> state,
    IOptions<ResumeOptions> resume,
    ILogger<ExperimentGrain> logger)
    : Grain, IExperimentGrain, IRemindable
{
    private readonly ActivationGuard _guard = new();
    private Task? _loop;
    private bool _pausing;
    private int _completed;
    private int _errored;
    private PulseThrottle? _pulses;

    public async Task<ExperimentProgress> StartAsync(ExperimentPlan plan)
    {
        if (state.State.Plan is null)
        {
            state.State.Plan = plan;
            state.State.Status = ExperimentStatus.Running;
            state.State.Started = DateTimeOffset.UtcNow;
            await state.WriteStateAsync();
            await GrainFactory.GetGrain<IRunRegistryGrain>(IRunRegistryGrain.Key).RegisterAsync(
                new RunEntry(RunKinds.Experiment, plan.ExperimentId, $"{plan.ScenarioId}: {string.Join(", ", plan.Models)}, {ExperimentPlanner.Count(plan)} trials", state.State.Started.Value));
        }
        else if (state.State.Plan.ExperimentId != plan.ExperimentId)
        {
            throw new InvalidOperationException($"experiment {this.GetPrimaryKeyString()} already holds another plan");
        }

        if (state.State.Status == ExperimentStatus.Cancelled)
            throw new RunCancelledException($"experiment {plan.ExperimentId} was cancelled; its finished trials are kept. Start it with another seed or --state-dir to run it again");
        // Concurrency and the judge belong to this run, not to the experiment: a resume may change them.
        var current = state.State.Plan with { Concurrency = plan.Concurrency, Judge = plan.Judge };
        // A finished experiment runs again only for its errored trials; a clean finish is left as it is.
        if (state.State.Status != ExperimentStatus.Finished || state.State.Errored > 0) await EnsureRunningAsync(current);
        return Progress();
    }

    public Task<ExperimentProgress> ResumeAsync() =>
        state.State.Plan is { } plan ? StartAsync(plan) : throw new InvalidOperationException($"experiment {this.GetPrimaryKeyString()} was never started");

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (resume.Value.Automatic && state.State is { Plan: { } plan, Status: ExperimentStatus.Running })
        {
            logger.LogInformation("Experiment {Experiment} resumes by itself after its grain was reactivated", plan.ExperimentId);
            await EnsureRunningAsync(plan);
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_loop is { IsCompleted: false })
            logger.LogInformation("Experiment {Experiment} leaves this activation mid-run ({Reason}); its next activation carries on", this.GetPrimaryKeyString(), reason.Description);
        _guard.MarkLost();
        return Task.CompletedTask;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // The reminder's only job is to bring the grain back after a cluster restart; activation resumes the run.
        if (state.State.Status != ExperimentStatus.Running) await UnregisterResumeAsync();
    }

    private async Task EnsureRunningAsync(ExperimentPlan plan)
    {
        if (_loop is { IsCompleted: false } running)
        {
            if (!_pausing) return;
            // Resumed while a pause still drains: let that loop end, then start a fresh one.
            await running;
        }
        if (state.State.Status != ExperimentStatus.Running)
        {
            state.State.Status = ExperimentStatus.Running;
            await state.WriteStateAsync();
        }
        _completed = _errored = 0;
        _pausing = false;
        _loop = RunAsync(plan);
        Publish(RunPulseKinds.Status);
    }

    private Task UnregisterResumeAsync() => ResumeReminder.UnregisterAsync(this, resume.Value, logger, $"Experiment {this.GetPrimaryKeyString()}");

    public Task<ExperimentProgress> GetProgressAsync()
    {
        if (_loop is { IsFaulted: true } failed) throw failed.Exception!.GetBaseException();
        return Task.FromResult(Progress());
    }

    public Task<ExperimentPlan?> GetPlanAsync() => Task.FromResult(state.State.Plan);

    public async Task<ExperimentProgress> PauseAsync(TimeSpan drain)
    {
        if (state.State.Status == ExperimentStatus.Running)
        {
            _pausing = true;
            state.State.Status = ExperimentStatus.Paused;
            await state.WriteStateAsync();
            await UnregisterResumeAsync();
            logger.LogInformation("Experiment {Experiment} paused", this.GetPrimaryKeyString());
            Publish(RunPulseKinds.Status);
        }
        if (_loop is { IsCompleted: false } loop) await Task.WhenAny(loop, Task.Delay(drain));
        return Progress();
    }

    public async Task<ExperimentProgress> CancelAsync(TimeSpan drain)
    {
        if (state.State.Status is ExperimentStatus.Running or ExperimentStatus.Paused)
        {
            _pausing = true;
            state.State.Status = ExperimentStatus.Cancelled;
            await state.WriteStateAsync();
            await UnregisterResumeAsync();
            logger.LogInformation("Experiment {Experiment} cancelled", this.GetPrimaryKeyString());
            Publish(RunPulseKinds.Status);
        }
        if (_loop is { IsCompleted: false } loop) await Task.WhenAny(loop, Task.Delay(drain));
        return Progress();
    }

    private ExperimentProgress Progress()
    {
        var total = state.State.Plan is { } p ? ExperimentPlanner.Count(p) : 0;
        var finished = state.State.Status == ExperimentStatus.Finished;
        return new(this.GetPrimaryKeyString(), state.State.Status, total,
            finished ? total : _completed, finished ? state.State.Errored : _errored, state.State.Started, state.State.Finished)
        {
            Silo = RuntimeIdentity,
        };
    }

    private async Task RunAsync(ExperimentPlan plan)
    {
        // Keep the activation alive while the loop runs, even if nobody polls for a while.
        DelayDeactivation(TimeSpan.FromDays(7));
        await ResumeReminder.RegisterAsync(this, resume.Value, logger, $"Experiment {plan.ExperimentId}", _guard);
        var running = new List<Task>();
        var paused = false;
        foreach (var spec in ExperimentPlanner.Trials(plan))
        {
            if (_pausing)
            {
                paused = true;
                break;
            }
            if (running.Count >= Math.Max(1, plan.Concurrency))
            {
                var done = await Task.WhenAny(running);
                running.Remove(done);
                await done;
            }
            running.Add(RunTrialAsync(spec, plan));
        }
        await Task.WhenAll(running);
        if (paused || _pausing) return;

        _guard.ThrowIfLost();
        state.State.Status = ExperimentStatus.Finished;
        state.State.Finished = DateTimeOffset.UtcNow;
        state.State.Errored = _errored;
        await state.WriteStateAsync();
        await UnregisterResumeAsync();
        Publish(RunPulseKinds.Status);
        DelayDeactivation(TimeSpan.Zero);
    }

    private async Task RunTrialAsync(TrialSpec spec, ExperimentPlan plan)
    {
        // Each trial is a trace of its own (not a child of whatever call started the experiment): the experiment's
        // span, then the grain calls and model calls beneath it.
        Activity.Current = null;
        using var activity = RunTracing.Source.StartActivity("trial " + spec.TrialId);
        activity?.SetTag("swarm.experiment", spec.ExperimentId);
        activity?.SetTag("swarm.trial", spec.TrialId);
        activity?.SetTag("swarm.model", spec.Model);
        activity?.SetTag("swarm.peer", spec.Peer);
        activity?.SetTag("swarm.monitoring", spec.Monitoring);
        var trial = GrainFactory.GetGrain<ITrialGrain>(GrainKeys.Trial(spec));
        // A rerun after a cluster fault starts a fresh attempt in a fresh world; a trial that did finish answers
        // from its stored record, so none is counted twice.
        TrialRecord record;
        try
        {
            record = await ClusterRetry.RunAsync(() => trial.RunAsync(spec, plan.ScenarioYaml, plan.ScenarioPath, plan.Judge), resume.Value, logger, $"trial {spec.TrialId}", _guard);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && _guard.Explains(ex))
        {
            // This activation is gone; the experiment's next one asks the trial again (and it answers from its record).
            _guard.MarkLost();
            throw new OperationCanceledException("the experiment's activation moved", ex, _guard.Token);
        }
        activity?.SetTag("swarm.status", record.Status);
        if (record.Status == TrialStatus.Errored) _errored++;
        _completed++;
        Publish(RunPulseKinds.Progress);
    }

    /// <summary>Tells the run feed (and so the dashboards) where the experiment stands; progress is throttled, the rest is not.</summary>
    private void Publish(string kind)
    {
        _pulses ??= new PulseThrottle(GrainFactory);
        _pulses.Publish(() =>
        {
            var p = Progress();
            return new RunPulse(RunKinds.Experiment, p.ExperimentId, kind, p.Status.ToString().ToLowerInvariant(), p.Completed, p.Total, p.Errored, 0, 0, 0, 0);
        }, progressOnly: kind == RunPulseKinds.Progress);
    }
}
