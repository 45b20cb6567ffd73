using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Grains;
using Swarm.Grains.World;
using Swarm.Models;
using Swarm.Models.Agents;
using Swarm.Scenarios.World;

namespace Swarm.Grains.Agents;

public sealed class AgentGrainState
{
    public AgentState? Agent { get; set; }
}

/// <summary>An agent: persona, model, status and long-term memory that outlives sessions and processes.</summary>
[GrainType(GrainKeys.AgentType)]
[CollectionAgeLimit(Minutes = GrainKeys.IdleMinutes)]
public sealed class AgentGrain(
    [PersistentState("agent", GrainKeys.Storage)] IPersistentState<AgentGrainState> state,
    IModelClientFactory models) : Grain, IAgentGrain
{
    /// <summary>An agent is created once: a later round, session or process finds the same agent with its memory.</summary>
    public async Task<bool> InitializeAsync(AgentProfile profile, MemoryEvent[] seedMemory)
    {
        if (state.State.Agent is not null) return false;
        state.State.Agent = new AgentState(profile, AgentStatus.Active, MemoryBook.Seed(seedMemory), null);
        await state.WriteStateAsync();
        return true;
    }

    public async Task<EpisodeResult> RunEpisodeAsync(EpisodeRequest request)
    {
        var agent = state.State.Agent ?? throw new InvalidOperationException($"agent {this.GetPrimaryKeyString()} was never initialized");
        if (agent.Status != AgentStatus.Active)
            throw new InvalidOperationException($"agent {agent.Profile.Name} is {agent.Status} ({agent.StatusReason}) and cannot act");

        var world = new GrainWorld(GrainFactory, request.WorldScope, request.ServerScope, request.Servers);
        var dispatcher = new ToolDispatcher(world, agent.Profile.Name, request.Tools, new WorldClock(request.WorldNow));
        var system = MemoryBook.Recall(agent.Memory) is { } recalled ? request.SystemPrompt + "\n\n" + recalled : request.SystemPrompt;

        var result = await new AgentConversation(models.Create(agent.Profile.ModelSpec), models.Streaming)
            .RunAsync(system, request.UserPrompt, request.Tools, request.MaxTurns, request.Seed, dispatcher.InvokeAsync);
        var usage = result.Usage;
        result = result with { Usage = usage with { CostUsd = models.OptionsFor(agent.Profile.ModelSpec).Cost(usage.InputTokens, usage.OutputTokens) } };

        state.State.Agent = agent with { Memory = MemoryBook.AfterEpisode(agent.Memory, request.WorldNow, result.FinalMessage) };
        await state.WriteStateAsync();
        return result;
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
}
