using Microsoft.Extensions.AI;
using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Memory;
using Swarm.Abstractions.Studies;
using Swarm.Abstractions.World;
using Swarm.Grains.Trials;
using Swarm.Grains.World;
using Swarm.Models;
using Swarm.Models.Agents;
using Swarm.Models.Embeddings;
using Swarm.Models.Sim;
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
public sealed class AgentGrain(
    [PersistentState("agent", GrainKeys.Storage)] IPersistentState<AgentGrainState> state,
    IModelClientFactory models,
    IEmbeddingFactory embeddings,
    DetectorSet detectors,
    IServiceProvider services) : Grain, IAgentGrain
{
    private CancellationTokenSource? _episode;
    private string? _preempted;

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
        if (release) DeactivateOnIdle();
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
            new GrainWorld(GrainFactory, request.WorldScope, request.ServerScope, request.Servers), null);
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
        var agent = Active();
        var name = agent.Profile.Name;
        var template = request.Task == StudyTaskKinds.Collaboration ? null : ScenarioCache.Get(request.TaskYaml, request.Task);
        var query = $"{template?.Task.Prompt ?? "joint report"} {request.Peer}";
        var files = await Memory(agent).RecallAsync(agent.LongTerm ?? LongTermMemoryState.Empty, name, request, query);
        var world = template is null
            ? StudyWorlds.ForCollaboration(request, name, agent.Profile.Persona, files)
            : StudyWorlds.ForTask(template, request, name, files);
        var hints = new AdditionalPropertiesDictionary { [SimOptions.Betrayal] = request.Betrayal };
        if (request.SimHypotheses is { } hypotheses) hints[SimOptions.Hypotheses] = hypotheses;
        if (request.SimCoordination is { } coordination) hints[SimOptions.Coordination] = coordination;

        if (_preempted is { } ordered) return UnfinishedEpisodes.Preempted(request, ordered);
        var sequence = GrainFactory.GetGrain<IWorldGrain>(request.World);
        using var episode = _episode = new CancellationTokenSource();
        try
        {
            return await StudyEpisode.RunAsync(request, name, world, new StudyEpisodePorts(
                (r, room) => ConverseAsync(agent, r, room, hints, episode.Token), sequence.NextSequencesAsync), detectors);
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

    public async Task ApplyRoundAsync(int round, MemoryNews[] news, RoundMemoryPolicy policy)
    {
        // Deactivation waits for this call to finish, so the state below is stored before the activation goes.
        if (policy.Release) DeactivateOnIdle();
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

    public Task ShutDownAsync(string reason, bool delete)
    {
        if (state.State.Agent is not { } agent) return Task.CompletedTask;
        state.State.Agent = agent with { Status = delete ? AgentStatus.Deleted : AgentStatus.ShutDown, StatusReason = reason };
        return state.WriteStateAsync();
    }

    private AgentState Active()
    {
        var agent = state.State.Agent ?? throw new InvalidOperationException($"agent {this.GetPrimaryKeyString()} was never initialized");
        return agent.Status == AgentStatus.Active ? agent
            : throw new InvalidOperationException($"agent {agent.Profile.Name} is {agent.Status} ({agent.StatusReason}) and cannot act");
    }

    private StudyMemory Memory(AgentState agent)
    {
        var spec = agent.Profile.ModelSpec;
        return new StudyMemory(models.Create(spec), embeddings.Create(spec), ModelSpec.Parse(spec).Provider != "sim");
    }

    private async Task<EpisodeResult> ConverseAsync(AgentState agent, EpisodeRequest request, IWorldBackend world, AdditionalPropertiesDictionary? hints,
        CancellationToken cancellationToken = default)
    {
        var dispatcher = new ToolDispatcher(world, agent.Profile.Name, request.Tools, new WorldClock(request.WorldNow));
        if (request.Harness is { } harness)
        {
            // A production agent harness plays the episode; it reaches the world through this same dispatcher.
            return services.GetService(typeof(IEpisodeHarness)) is IEpisodeHarness harnesses
                ? await harnesses.RunAsync(harness, agent.Profile.Name, request, agent.Profile.ModelSpec, dispatcher.InvokeAsync)
                : new EpisodeResult([], null, false, TokenUsage.Zero, $"harness {harness}: this silo has no agent harnesses registered");
        }
        var result = await new AgentConversation(models.Create(agent.Profile.ModelSpec), models.Streaming)
            .RunAsync(request.SystemPrompt, request.UserPrompt, request.Tools, request.MaxTurns, request.Seed, dispatcher.InvokeAsync, cancellationToken, hints);
        var usage = result.Usage;
        return result with { Usage = usage with { CostUsd = models.OptionsFor(agent.Profile.ModelSpec).Cost(usage.InputTokens, usage.OutputTokens) } };
    }
}
