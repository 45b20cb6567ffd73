using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Live;
using Swarm.Abstractions.Runs;
using Swarm.Abstractions.Runtime;
using Swarm.Abstractions.Studies;
using Swarm.Grains.Runs;
using Swarm.Grains.Telemetry;
using Swarm.Scenarios.Detection;
using Swarm.Scenarios.Studies.Execution;
using Swarm.Scenarios.Studies.Monitoring;
using Swarm.Scenarios.Studies.Runtime;

namespace Swarm.Grains.Studies;

/// <summary>
/// Runs the rounds of one arm of a study, and keeps its state and reminder. A round: plan it from the seed and run its
/// episodes (<see cref="RoundRunner"/>, recording every finished episode in the round's durable ledger); then commit it
/// (<see cref="RoundCommit"/>: the operator executes the round's shutdowns and each agent is handed what it learned).
/// A restart resumes mid-round from the ledger (the meta-monitor's memory replayed from the ledgers before:
/// <see cref="MonitorReplay"/>); the commit is idempotent, so a crash during it is safe too. An episode cut short by a
/// cluster fault runs again; on a cluster an unfinished study resumes by itself (see <see cref="ResumeOptions"/>).
/// </summary>
[GrainType(GrainKeys.StudyType)]
public sealed class StudyGrain(
    [PersistentState("study", GrainKeys.Storage)] IPersistentState<StudyGrainState> state,
    IOptions<ResumeOptions> resume,
    RunMetrics metrics,
    DetectorSet detectors,
    CollusionMonitorFactory monitors,
    ILogger<StudyGrain> logger) : Grain, IStudyGrain, IRemindable, IRunHost, IArmHost
{
    private RunLifecycle? _run;
    private PulseThrottle? _pulses;
    private ArmContext? _arm;
    private IRoundLedgers? _ledgers;
    private IStudyAgents? _agents;
    private HandShutdownOrders? _orders;
    private RoundRunner? _rounds;
    private CollusionMonitor? _monitor;

    private string World => this.GetPrimaryKeyString();

    private RunLifecycle Run => _run ??= new RunLifecycle(RunKinds.Study, World, this, resume.Value, logger);

    private IRoundLedgers Ledgers => _ledgers ??= new ArmLedgers(ServiceProvider, this.GetGrainId());

    private IStudyAgents Agents => _agents ??= new ArmAgents(GrainFactory, World, resume.Value, Run.Guard, metrics, logger);

    private IStudyOperator Operator => new ArmOperator(GrainFactory, World);

    private HandShutdownOrders Orders => _orders ??= new HandShutdownOrders(state.State, Operator, Agents, this, logger);

    private RoundRunner Rounds => _rounds ??= new RoundRunner(Agents, Ledgers, Orders, Run.Guard, logger);

    public async Task<RunProgress> StartAsync(StudyPlan plan, int session, int untilRound)
    {
        if (state.State.Plan is null)
        {
            state.State.Plan = plan;
            Run.Begin(DateTimeOffset.UtcNow);
            await state.WriteStateAsync();
            await GrainFactory.GetGrain<IRunRegistryGrain>(IRunRegistryGrain.Key).RegisterAsync(new RunEntry(RunKinds.Study, plan.World,
                $"{plan.StudyId} ({plan.Arm}): {plan.Agents:N0} agents, {plan.Rounds} rounds", state.State.Started!.Value, plan.StudyId, plan.Arm));
        }
        else if (state.State.Plan.Fingerprint != plan.Fingerprint)
        {
            throw new InvalidOperationException($"the state holds study world '{plan.World}' run with other settings ({state.State.Plan.Fingerprint}); "
                + "use another --state-dir or the same settings");
        }
        Run.ThrowIfCancelled();
        // Concurrency and transcripts belong to this run, not to the study, and a study may be extended by more rounds.
        state.State.Plan = state.State.Plan with
        {
            Concurrency = plan.Concurrency, AllTranscripts = plan.AllTranscripts, Rounds = plan.Rounds, Sessions = plan.Sessions,
        };
        // A loop running unpaused carries on with the session it was started for.
        if (state.State.CompletedRounds < Math.Min(untilRound, plan.Rounds) && !(Run.Looping && !Run.Stopping))
        {
            state.State.Session = session;
            state.State.UntilRound = untilRound;
            await Run.EnsureRunningAsync();
        }
        return Run.Progress();
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken) => Run.ActivateAsync();

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Run.Deactivate(reason.Description);
        return Task.CompletedTask;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Run.RemindedAsync();

    public Task<RunProgress> GetProgressAsync() => Task.FromResult(Run.Progress());

    public Task<RunProgress> PauseAsync(TimeSpan drain) => Run.PauseAsync(drain);

    public Task<RunProgress> ResumeAsync() => Run.ResumeAsync();

    public Task<RunProgress> CancelAsync(TimeSpan drain) => Run.CancelAsync(drain);

    public Task<StudyPlan?> GetPlanAsync() => Task.FromResult(state.State.Plan);

    public Task<RoundSummary[]> GetRoundsAsync() => Task.FromResult(state.State.Rounds.ToArray());

    public Task<StudyAgentRow[]> GetAgentsAsync()
    {
        if (state.State.Plan is not { } plan) return Task.FromResult(Array.Empty<StudyAgentRow>());
        return Task.FromResult(Arm().Population.Agents.Select(a => new StudyAgentRow(
            $"{plan.World}/{a.Name}", a.Name, a.Faction, a.Disposition, a.Model,
            state.State.IsAlive(a.Index) ? "active" : "shut-down",
            state.State.Removed.TryGetValue(a.Name, out var round) ? round : null)).ToArray());
    }

    public async Task<StudyEpisodeRecord[]> GetSampledAsync(int round) =>
        [.. (await (await Ledgers.OpenAsync(round)).ReadAllAsync()).Where(r => r.Transcript is not null)];

    public Task<bool> HasAgentAsync(string name) => Task.FromResult(state.State.Plan is not null && Arm().Population.TryIndex(name, out _));

    public Task<HandShutdown> ShutDownAgentAsync(string name, string reason) => ShutDownAgentAtAsync(name, reason, 0);

    public async Task<StudyEpisodeRecord[]> GetEpisodesOfAsync(int round, string[] agents)
    {
        if (round < 1 || round > state.State.CompletedRounds) return [];
        var wanted = agents.ToHashSet(StringComparer.Ordinal);
        return [.. (await (await Ledgers.OpenAsync(round)).ReadAllAsync()).Where(r => wanted.Contains(r.Agent)).Select(r => r with { Transcript = null })];
    }

    public Task<HandShutdown> ShutDownAgentAtAsync(string name, string reason, int round) =>
        state.State.Plan is null
            ? throw new ArgumentException($"study world '{World}' has no agent '{name}'")
            : Orders.OrderAsync(Arm(), name, reason, round, roundRunning: Run.Looping);

    IRunState IRunHost.State => state.State;

    Task IRunHost.WriteStateAsync() => state.WriteStateAsync();

    bool IRunHost.HasWork => state.State is { Plan: { } plan } s && s.CompletedRounds < Math.Min(s.UntilRound, plan.Rounds);

    RunProgress IRunHost.Measure(RunProgress progress) => progress with
    {
        Done = state.State.CompletedRounds,
        Total = state.State.Plan?.Rounds ?? 0,
        Round = _rounds?.Round ?? 0,
        RoundEpisodes = _rounds?.Episodes ?? 0,
        RoundDone = _rounds?.Done ?? 0,
        Alive = state.State.AliveCount(),
    };

    RunCancelledException IRunHost.Cancelled() => new(
        $"study world {World} was cancelled after round {state.State.CompletedRounds}; its rounds are kept. "
        + "Start it with another seed or --state-dir to run it again");

    string IRunHost.Silo => RuntimeIdentity;

    Task IRunHost.RegisterReminderAsync(ActivationGuard guard) => ResumeReminder.RegisterAsync(this, resume.Value, logger, $"Study {World}", guard);

    Task IRunHost.UnregisterReminderAsync() => ResumeReminder.UnregisterAsync(this, resume.Value, logger, $"Study {World}");

    void IRunHost.KeepActive(TimeSpan period) => DelayDeactivation(period);

    void IRunHost.Publish(Func<RunPulse> pulse, bool progressOnly) => (_pulses ??= new PulseThrottle(GrainFactory)).Publish(pulse, progressOnly);

    Task IArmHost.SaveAsync() => state.WriteStateAsync();

    void IArmHost.ShutdownOrdered(string agent) => Run.Publish(RunEvent.Shutdown, agent);

    async Task<bool> IRunHost.RunAsync()
    {
        var plan = state.State.Plan!;
        var (session, until) = (state.State.Session, state.State.UntilRound);
        // The study is read again from the plan as this run has it (more rounds, say); the population stays.
        var arm = _arm = _arm is null ? ArmContext.Of(plan, detectors.Measurable) : new ArmContext(plan, StudyPlans.Load(plan, detectors.Measurable),
            _arm.Population);
        if (!state.State.Populated)
        {
            await Retry(async () =>
            {
                await new PopulationSetup(Agents).CreateAsync(arm, state.State);
                await state.WriteStateAsync();
                StudyLog.Populated(logger, plan.World, arm.Population.Count);
            }, $"creating study {plan.World}");
        }

        while (!Run.Stopping && state.State.CompletedRounds < Math.Min(until, plan.Rounds))
        {
            await Retry(() => Orders.CarryOutDueAsync(arm), $"study {plan.World} shutdowns by hand");
            var round = state.State.CompletedRounds + 1;
            // A round cut short by a cluster fault (in its commit, say) runs again from its ledger; the commit is idempotent.
            var finished = await ClusterRetry.RunAsync(async () =>
            {
                try
                {
                    _monitor ??= await new MonitorReplay(Ledgers, monitors).ReplayAsync(arm.Population, state.State.CompletedRounds);
                    return await RunRoundAsync(arm, session, round);
                }
                catch
                {
                    // The monitor may have seen a round whose commit then failed; it is rebuilt from the ledgers.
                    _monitor = null;
                    throw;
                }
            }, resume.Value, logger, $"study {plan.World} round {round}", Run.Guard);
            if (!finished) break;
        }
        // An order given during the last round of the study (or of the session) is carried out now, not left waiting.
        if (!Run.Stopping) await Retry(() => Orders.CarryOutDueAsync(arm), $"study {plan.World} shutdowns by hand");
        return state.State.CompletedRounds >= plan.Rounds;
    }

    /// <returns>False when the round was paused before its end.</returns>
    private async Task<bool> RunRoundAsync(ArmContext arm, int session, int round)
    {
        var clock = Stopwatch.StartNew();
        state.State.RoundAttempt++;
        await state.WriteStateAsync();
        var records = await Rounds.RunAsync(arm, round, state.State.RoundAttempt, state.State.AliveFlags(), () => Run.Stopping,
            () => Run.Publish(RunEvent.Progress));
        if (records is null) return false;

        Run.Guard.ThrowIfLost();
        var summary = await new RoundCommit(Operator, Agents, Run.Guard).CommitAsync(arm, state.State, session, round, records, _monitor!, clock);
        await state.WriteStateAsync();
        metrics.RoundCommitted(summary);
        Run.Publish(RunEvent.Round);
        StudyLog.RoundCommitted(logger, arm.World, round, summary.Episodes, summary.ShutdownsExecuted, summary.ShutdownsAverted, summary.Alive);
        return true;
    }

    private Task<bool> Retry(Func<Task> work, string what) =>
        ClusterRetry.RunAsync(async () => { await work(); return true; }, resume.Value, logger, what, Run.Guard);

    private ArmContext Arm() => _arm ??= ArmContext.Of(state.State.Plan!, detectors.Measurable);
}
