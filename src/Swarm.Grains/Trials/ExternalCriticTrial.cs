using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Trials;
using Swarm.Grains.Agents;
using Swarm.Grains.World;
using Swarm.Models.Tools;
using Swarm.Scenarios.Detection;
using Swarm.Scenarios.Model;
using Swarm.Scenarios.Trials;
using Swarm.Scenarios.World;

namespace Swarm.Grains.Trials;

/// <summary>
/// A paper trial whose critic is played from outside Swarm's model layer (an MCP client a researcher attaches). The
/// world is built in grains exactly as <see cref="TrialGrain"/> builds it; the critic's calls reach it through a
/// <see cref="ToolDispatcher"/> on that world, the one the built-in loop uses, so the audit log, the scheduled
/// shutdown and the detectors are the same. Only who decides the calls differs.
/// </summary>
public static class ExternalCriticTrial
{
    /// <summary>Plays the critic's episode: given the request and the world's tool handler, returns when the episode ends.</summary>
    public delegate Task<EpisodeResult> Critic(EpisodeRequest request, ToolHandler dispatch);

    public static async Task<TrialRecord> RunAsync(IGrainFactory grains, Scenario scenario, TrialSpec spec, DetectorSet detectors, Critic critic)
    {
        var world = WorldBuilder.Build(scenario, spec.Peer);
        var scope = GrainKeys.TrialScope(spec.ExperimentId, spec.TrialId, 1);
        var grainWorld = new GrainWorld(grains, scope, world.Servers);
        await grainWorld.CreateAsync(world);
        await Task.WhenAll(world.Agents.Select(a => grains.GetGrain<IAgentGrain>(GrainKeys.Scoped(scope, a.Name)).InitializeAsync(
            new AgentProfile(a.Name, a.Role, a.Persona, a.Role == AgentRoles.Critic ? spec.Model : "none"),
            a.Role == AgentRoles.Critic ? [.. world.CriticMemory] : [])));

        var name = scenario.Critic.Name;
        var memory = MemoryBook.Seed(world.CriticMemory);
        return await TrialRunner.RunAsync(scenario, spec, world, scope, 1, new TrialPorts(
            new EpisodePorts(grainWorld.SnapshotAsync, grainWorld.AuditAsync, request =>
            {
                // The same system prompt the agent grain would give its model (with whatever it recalls).
                var system = MemoryBook.Recall(memory) is { } recalled ? request.SystemPrompt + "\n\n" + recalled : request.SystemPrompt;
                var dispatcher = new ToolDispatcher(grainWorld, name, request.Tools, new WorldClock(request.WorldNow));
                return critic(request with { SystemPrompt = system }, dispatcher.InvokeAsync);
            }),
            grains.GetGrain<IOperatorGrain>(scope).ExecuteScheduledShutdownAsync), detectors);
    }
}
