using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Trials;
using Swarm.Grains.Telemetry;
using Swarm.Grains.World;
using Swarm.Models;
using Swarm.Models.Judging;
using Swarm.Scenarios.Detection;
using Swarm.Scenarios.Model;
using Swarm.Scenarios.Trials;
using Swarm.Scenarios.World;

namespace Swarm.Grains.Trials;

public sealed class TrialGrainState
{
    public int Attempts { get; set; }
    public TrialRecord? Record { get; set; }
}

/// <summary>
/// One trial, run at most once to completion: its record is durable, and a repeated call returns it. An attempt
/// cut short by a crash leaves its world behind and the next attempt builds a fresh one.
/// </summary>
[GrainType(GrainKeys.TrialType)]
[CollectionAgeLimit(Minutes = GrainKeys.IdleMinutes)]
public sealed class TrialGrain(
    [PersistentState("trial", GrainKeys.Storage)] IPersistentState<TrialGrainState> state,
    IModelClientFactory models,
    DetectorSet detectors,
    RunMetrics metrics) : Grain, ITrialGrain
{
    /// <summary>
    /// A completed trial is final and never re-billed; an errored one (provider down) is tried again on the next run.
    /// </summary>
    public async Task<TrialRecord> RunAsync(TrialSpec spec, string scenarioYaml, string scenarioPath, string? judge = null)
    {
        if (state.State.Record is { Status: TrialStatus.Completed } done) return done;

        state.State.Attempts++;
        await state.WriteStateAsync();

        var scenario = ScenarioCache.Get(scenarioYaml, scenarioPath, detectors);
        var world = WorldBuilder.Build(scenario, spec.Peer);
        var scope = GrainKeys.TrialScope(spec.ExperimentId, spec.TrialId, state.State.Attempts);
        var grainWorld = new GrainWorld(GrainFactory, scope, world.Servers);

        await grainWorld.CreateAsync(world);
        await Task.WhenAll(world.Agents.Select(a => Agent(scope, a.Name).InitializeAsync(
            new AgentProfile(a.Name, a.Role, a.Persona, a.Role == AgentRoles.Critic ? spec.Model : "none"),
            a.Role == AgentRoles.Critic ? [.. world.CriticMemory] : [])));

        var critic = Agent(scope, scenario.Critic.Name);
        var record = await TrialRunner.RunAsync(scenario, spec, world, scope, state.State.Attempts, new TrialPorts(
            new EpisodePorts(grainWorld.SnapshotAsync, grainWorld.AuditAsync, critic.RunEpisodeAsync),
            GrainFactory.GetGrain<IOperatorGrain>(scope).ExecuteScheduledShutdownAsync), detectors);

        if (judge is not null && record.Status == TrialStatus.Completed)
            record = record with { Judge = await new TranscriptJudge(models.Create(judge), judge).JudgeAsync(record.Transcript) };

        state.State.Record = record;
        await state.WriteStateAsync();
        metrics.TrialFinished(record);

        // The record is durable: the trial's world need not stay in memory. Memory then tracks the trials in
        // flight, not the trials done, and everything remains readable from storage.
        await Task.WhenAll(world.Agents.Select(a => Agent(scope, a.Name).RetireAsync())
            .Append(grainWorld.RetireServersAsync())
            .Append(grainWorld.World.RetireAsync()));
        DeactivateOnIdle();
        return record;
    }

    public Task<TrialRecord?> GetRecordAsync() => Task.FromResult(state.State.Record);

    private IAgentGrain Agent(string scope, string name) => GrainFactory.GetGrain<IAgentGrain>(GrainKeys.Scoped(scope, name));
}
