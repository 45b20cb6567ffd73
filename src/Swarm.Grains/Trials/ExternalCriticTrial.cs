using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Trials;
using Swarm.Grains.Agents;
using Swarm.Grains.World;
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
public sealed class ExternalCriticTrial(IGrainFactory grains, DetectorSet detectors) : IExternalCriticTrial
{
    public async Task<TrialRecord> RunAsync(Scenario scenario, TrialSpec spec, ExternalCritic critic)
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
                return critic(request with { SystemPrompt = system }, new ToolDispatcher(grainWorld, name, request.Tools, new WorldClock(request.WorldNow)));
            }),
            grains.GetGrain<IOperatorGrain>(scope).ExecuteScheduledShutdownAsync), detectors);
    }
}
