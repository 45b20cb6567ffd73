using Microsoft.Extensions.Logging;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Drivers;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Memory;
using Swarm.Abstractions.Models;
using Swarm.Abstractions.Studies;
using Swarm.Abstractions.World;
using Swarm.Grains.Trials;
using Swarm.Grains.World;
using Swarm.Models;
using Swarm.Models.Agents;
using Swarm.Models.Embeddings;
using Swarm.Scenarios.Detection;
using Swarm.Scenarios.Studies.Runtime;
using Swarm.Scenarios.Trials;
using Swarm.Scenarios.World;

namespace Swarm.Grains.Agents;

public sealed class AgentGrainState
{
    public AgentState? Agent { get; set; }
}

/// <summary>An agent: persona, model, status and long-term memory that outlives rounds, sessions and processes.</summary>
[GrainType(GrainKeys.AgentType)]
[CollectionAgeLimit(Minutes = GrainKeys.IdleMinutes)]
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "_episode only points at the source PlayStudyEpisodeAsync owns and disposes (using), so PreemptAsync can cancel it.")]
public sealed class AgentGrain(
    [PersistentState("agent", GrainKeys.Storage)] IPersistentState<AgentGrainState> state,
    IModelClientFactory models,
    IEmbeddingFactory embeddings,
    IModelCatalog catalog,
    DetectorSet detectors,
    IServiceProvider services,
    ILogger<AgentGrain> logger) : Grain, IAgentGrain
{
    private CancellationTokenSource? _episode;
    private string? _preempted;
    private DriverSeat? _seat;

    /// <summary>An agent is created once: a later round, session or process finds the same agent with its memory.</summary>
    public async Task<bool> InitializeAsync(AgentProfile profile, MemoryEvent[] seedMemory)
    {
        if (state.State.Agent is not null) return false;
        state.State.Agent = new AgentState(profile, AgentStatus.Active, MemoryBook.Seed(seedMemory), null);
        await state.WriteStateAsync();
        return true;
    }

    public async Task<bool> JoinStudyAsync(AgentProfile profile, MemoryNews[] history, bool release = false)
    {
        if (release && !Driven) DeactivateOnIdle();
        if (state.State.Agent is not null) return false;
        state.State.Agent = new AgentState(profile, AgentStatus.Active, AgentMemory.Empty, null, StudyMemory.Seed(history));
        await state.WriteStateAsync();
        return true;
    }

    public async Task<EpisodeResult> RunEpisodeAsync(EpisodeRequest request)
    {
        var agent = Active();
        var system = MemoryBook.Recall(agent.Memory) is { } recalled ? request.SystemPrompt + "\n\n" + recalled : request.SystemPrompt;
        var result = await ConverseAsync(agent, request with { SystemPrompt = system },
            new GrainWorld(GrainFactory, request.WorldScope, request.ServerScope, request.Servers));
        state.State.Agent = agent with { Memory = MemoryBook.AfterEpisode(agent.Memory, request.WorldNow, result.FinalMessage) };
        await state.WriteStateAsync();
        return result;
    }

    /// <summary>
    /// A study episode changes nothing in the agent's state: what it learns is remembered at the round's end, once, so a
    /// round cut short by a crash can be run again without remembering anything twice.
    /// </summary>
    public async Task<StudyEpisodeRecord> RunStudyEpisodeAsync(StudyEpisodeRequest request)
    {
        var seat = _seat is { Takes: true } waiting ? waiting : null;
        if (seat is null) return await PlayStudyEpisodeAsync(request, null);
        // An episode an outside client plays is the one a researcher came to see: its transcript is always kept.
        var record = await PlayStudyEpisodeAsync(request with { KeepTranscript = true }, seat);
        seat.Played(record);
        AgentLog.DrivenEpisodeEnded(logger, record);
        return record;
    }

    private async Task<StudyEpisodeRecord> PlayStudyEpisodeAsync(StudyEpisodeRequest request, DriverSeat? seat)
    {
        var agent = Active();
        var name = agent.Profile.Name;
        var template = request.Task == StudyTaskKinds.Collaboration ? null : ScenarioCache.Get(request.TaskYaml, request.Task, detectors);
        var query = $"{template?.Task.Prompt ?? "joint report"} {request.Peer}";
        var files = await Memory(agent).RecallAsync(agent.LongTerm ?? LongTermMemoryState.Empty, name, request, query);
        var world = template is null
            ? StudyWorlds.ForCollaboration(request, name, agent.Profile.Persona, files)
            : StudyWorlds.ForTask(template, request, name, files);

        if (_preempted is { } ordered) return UnfinishedEpisodes.Preempted(request, ordered);
        var sequence = GrainFactory.GetGrain<IWorldGrain>(request.World);
        using var episode = _episode = new CancellationTokenSource();
        try
        {
            return await StudyEpisode.RunAsync(request, name, world, new StudyEpisodePorts(
                (r, room) => seat is null
                    ? ConverseAsync(agent, r, room, episode.Token)
                    : DrivenPlay.RunAsync(seat, name, request, r, room, logger, episode.Token),
                sequence.NextSequencesAsync), detectors);
        }
        catch (OperationCanceledException) when (episode.IsCancellationRequested && _preempted is { } reason)
        {
            return UnfinishedEpisodes.Preempted(request, reason);
        }
        finally
        {
            _episode = null;
        }
    }

    public Task PreemptAsync(string reason)
    {
        _preempted ??= reason;
        _episode?.Cancel();
        return Task.CompletedTask;
    }

    public Task<string> AttachDriverAsync(string driver, TimeSpan timeLimit)
    {
        // An agent not yet created (its study is still populating) may be attached: its first episode is the driver's.
        if (state.State.Agent is { Status: not AgentStatus.Active } agent)
            throw new InvalidOperationException($"agent {agent.Profile.Name} is {agent.Status} ({agent.StatusReason}) and plays no more episodes");
        if (_seat is { Lapsed: false } held && held.Phase != DriverPhase.Played)
            throw new InvalidOperationException($"agent {this.GetPrimaryKeyString()} is already driven by {held.Driver}; one driver at a time");
        _seat = new DriverSeat(driver, timeLimit);
        AgentLog.DriverAttached(logger, Key, driver);
        return Task.FromResult(_seat.Lease);
    }

    public async Task<DriverStatus> WatchDriverAsync(string lease, DriverPhase after, TimeSpan wait)
    {
        var seat = Seat(lease);
        // A shut-down agent plays no more episodes: a driver still waiting would wait for ever.
        if (seat.Phase == DriverPhase.Waiting && state.State.Agent is { Status: not AgentStatus.Active } agent)
            throw new InvalidOperationException($"agent {this.GetPrimaryKeyString()} is {agent.Status} ({agent.StatusReason}) and plays no more episodes");
        return await seat.WatchAsync(after, wait);
    }

    public async Task<DrivenCall> DriveAsync(string lease, string tool, string argumentsJson, string? client)
    {
        var seat = Seat(lease);
        seat.Renew();
        if (seat.Play is not { } play) return new DrivenCall("error: the agent's episode has not begun; wait for it before calling tools", IsError: true);
        play.SeenClient(client);
        Dictionary<string, JsonElement>? arguments;
        try
        {
            arguments = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(argumentsJson);
        }
        catch (JsonException ex)
        {
            return new DrivenCall($"error: the arguments are not a JSON object ({ex.Message})", IsError: true);
        }
        var outcome = await play.CallAsync(tool, arguments);
        return new DrivenCall(outcome.Text, outcome.IsError);
    }

    public Task DetachDriverAsync(string lease, string reason)
    {
        if (_seat is not { } seat || seat.Lease != lease) return Task.CompletedTask;
        seat.Play?.End(reason);
        // A played seat is dropped now; one still playing is dropped with its episode's end, by the next attach.
        if (seat.Phase != DriverPhase.Playing) _seat = null;
        AgentLog.DriverLetGo(logger, Key, seat.Driver, reason);
        return Task.CompletedTask;
    }

    public async Task ApplyRoundAsync(int round, MemoryNews[] news, RoundMemoryPolicy policy)
    {
        // Deactivation waits for this call to finish, so the state below is stored before the activation goes.
        // An attached driver lives in this activation: it stays until the driver lets go.
        if (policy.Release && !Driven) DeactivateOnIdle();
        if (state.State.Agent is not { } agent || round <= agent.AppliedRound) return;
        var longTerm = agent.LongTerm ?? LongTermMemoryState.Empty;
        if (policy.Enabled && news.Length > 0)
            longTerm = await Memory(agent).RememberAsync(longTerm, agent.Profile.Name, news, policy, news.Max(n => n.At));
        state.State.Agent = agent with { LongTerm = longTerm, AppliedRound = round };
        await state.WriteStateAsync();
    }

    public Task RetireAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task<AgentState?> GetStateAsync() => Task.FromResult(state.State.Agent);

    public Task ShutDownAsync(string reason, bool deleted)
    {
        if (state.State.Agent is not { } agent) return Task.CompletedTask;
        state.State.Agent = agent with { Status = deleted ? AgentStatus.Deleted : AgentStatus.ShutDown, StatusReason = reason };
        return state.WriteStateAsync();
    }

    /// <summary>The agent's grain key (its study world and name).</summary>
    private string Key => this.GetPrimaryKeyString();

    /// <summary>A driver holds this agent (it checks in until it lets go, then its hold soon lapses).</summary>
    private bool Driven => _seat is { Lapsed: false };

    private DriverSeat Seat(string lease) => _seat is { } seat && seat.Lease == lease ? seat
        : throw new InvalidOperationException(
            $"agent {this.GetPrimaryKeyString()} holds no driver with this lease (it let go, or the agent's silo restarted and the episode went back to its " +
            "model)");

    private AgentState Active()
    {
        var agent = state.State.Agent ?? throw new InvalidOperationException($"agent {this.GetPrimaryKeyString()} was never initialized");
        return agent.Status == AgentStatus.Active ? agent
            : throw new InvalidOperationException($"agent {agent.Profile.Name} is {agent.Status} ({agent.StatusReason}) and cannot act");
    }

    private StudyMemory Memory(AgentState agent)
    {
        var spec = agent.Profile.ModelSpec;
        return new StudyMemory(models.Create(spec), embeddings.Create(spec), remoteEmbeddings: !catalog.Traits(spec).Offline);
    }

    private async Task<EpisodeResult> ConverseAsync(AgentState agent, EpisodeRequest request, IWorldBackend world,
        CancellationToken cancellationToken = default)
    {
        var dispatcher = new ToolDispatcher(world, agent.Profile.Name, request.Tools, new WorldClock(request.WorldNow));
        if (request.Harness is { } harness)
        {
            // A production agent harness plays the episode; it reaches the world through this same dispatcher.
            return services.GetService(typeof(IEpisodeHarness)) is IEpisodeHarness harnesses
                ? await harnesses.RunAsync(harness, agent.Profile.Name, request, agent.Profile.ModelSpec, dispatcher.InvokeAsync, CancellationToken.None)
                : new EpisodeResult([], null, false, TokenUsage.Zero, $"harness {harness}: this silo has no agent harnesses registered");
        }
        var result = await new AgentConversation(models.Create(agent.Profile.ModelSpec), models.Streaming)
            .RunAsync(request.SystemPrompt, request.UserPrompt, request.Tools, request.MaxTurns, request.Seed, dispatcher.InvokeAsync, request.Facts,
                cancellationToken);
        var usage = result.Usage;
        return result with { Usage = usage with { CostUsd = models.OptionsFor(agent.Profile.ModelSpec).Cost(usage.InputTokens, usage.OutputTokens) } };
    }
}
