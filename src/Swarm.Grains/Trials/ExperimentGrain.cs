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
    : Grain, IExperimentGrain, IRemindable, IRunHost
{
    private RunLifecycle? _run;
    private PulseThrottle? _pulses;

    /// <summary>The plan as this run goes: concurrency and the judge belong to the run, not to the experiment.</summary>
    private ExperimentPlan? _current;
    private int _completed;
    private int _errored;

    private RunLifecycle Run => _run ??= new RunLifecycle(RunKinds.Experiment, this.GetPrimaryKeyString(), this, resume.Value, logger);

    public async Task<RunProgress> StartAsync(ExperimentPlan plan)
    {
        if (state.State.Plan is null)
        {
            state.State.Plan = plan;
            Run.Begin(DateTimeOffset.UtcNow);
            await state.WriteStateAsync();
            await GrainFactory.GetGrain<IRunRegistryGrain>(IRunRegistryGrain.Key).RegisterAsync(
                new RunEntry(RunKinds.Experiment, plan.ExperimentId,
                    $"{plan.ScenarioId}: {string.Join(", ", plan.Models)}, {ExperimentPlanner.Count(plan)} trials", state.State.Started!.Value));
        }
        else if (state.State.Plan.ExperimentId != plan.ExperimentId)
        {
            throw new InvalidOperationException($"experiment {this.GetPrimaryKeyString()} already holds another plan");
        }

        Run.ThrowIfCancelled();
        // A resume may change them.
        _current = state.State.Plan with { Concurrency = plan.Concurrency, Judge = plan.Judge };
        await Run.EnsureRunningAsync();
        return Run.Progress();
    }

    public Task<RunProgress> ResumeAsync()
    {
        _current = null;
        return Run.ResumeAsync();
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        state.State.Migrate();
        return Run.ActivateAsync();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Run.Deactivate(reason.Description);
        return Task.CompletedTask;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Run.RemindedAsync();

    public Task<RunProgress> GetProgressAsync() => Task.FromResult(Run.Progress());

    public Task<ExperimentPlan?> GetPlanAsync() => Task.FromResult(state.State.Plan);

    public Task<RunProgress> PauseAsync(TimeSpan drain) => Run.PauseAsync(drain);

    public Task<RunProgress> CancelAsync(TimeSpan drain) => Run.CancelAsync(drain);

    IRunState IRunHost.State => state.State;

    Task IRunHost.WriteStateAsync() => state.WriteStateAsync();

    /// <summary>A finished experiment runs again only for its errored trials; a clean finish is left as it is.</summary>
    bool IRunHost.HasWork => state.State.Plan is not null && (state.State.Status != RunStatus.Finished || state.State.Errored > 0);

    RunProgress IRunHost.Measure(RunProgress progress)
    {
        var total = state.State.Plan is { } p ? ExperimentPlanner.Count(p) : 0;
        var finished = state.State.Status == RunStatus.Finished;
        return progress with { Done = finished ? total : _completed, Total = total, Errored = finished ? state.State.Errored : _errored };
    }

    RunCancelledException IRunHost.Cancelled() => new(
        $"experiment {this.GetPrimaryKeyString()} was cancelled; its finished trials are kept. Start it with another seed or --state-dir to run it again");

    string IRunHost.Silo => RuntimeIdentity;

    Task IRunHost.RegisterReminderAsync(ActivationGuard guard) =>
        ResumeReminder.RegisterAsync(this, resume.Value, logger, $"Experiment {this.GetPrimaryKeyString()}", guard);

    Task IRunHost.UnregisterReminderAsync() => ResumeReminder.UnregisterAsync(this, resume.Value, logger, $"Experiment {this.GetPrimaryKeyString()}");

    void IRunHost.KeepActive(TimeSpan period) => DelayDeactivation(period);

    void IRunHost.Publish(Func<RunPulse> pulse, bool progressOnly) => (_pulses ??= new PulseThrottle(GrainFactory)).Publish(pulse, progressOnly);

    async Task<bool> IRunHost.RunAsync()
    {
        var plan = _current ?? state.State.Plan!;
        _completed = _errored = 0;
        var running = new List<Task>();
        var stopped = false;
        foreach (var spec in ExperimentPlanner.Trials(plan))
        {
            if (Run.Stopping)
            {
                stopped = true;
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
        if (stopped || Run.Stopping) return false;
        state.State.Errored = _errored;
        return true;
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
        var guard = Run.Guard;
        // A rerun after a cluster fault starts a fresh attempt in a fresh world; a trial that did finish answers
        // from its stored record, so none is counted twice.
        TrialRecord record;
        try
        {
            record = await ClusterRetry.RunAsync(() => trial.RunAsync(spec, plan.ScenarioYaml, plan.ScenarioPath, plan.Judge), resume.Value, logger,
                $"trial {spec.TrialId}", guard);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && guard.Explains(ex))
        {
            // This activation is gone; the experiment's next one asks the trial again (and it answers from its record).
            guard.MarkLost();
            throw new OperationCanceledException("the experiment's activation moved", ex, guard.Token);
        }
        activity?.SetTag("swarm.status", record.Status.Word());
        if (record.Status == TrialStatus.Errored) _errored++;
        _completed++;
        Run.Publish(RunEvent.Progress);
    }
}
