using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Swarm.Abstractions.Studies;
using Swarm.Abstractions.Grains;
using Swarm.Grains.Agents;
using Swarm.Scenarios.Studies.Runtime;
using Swarm.Silo.Storage;

namespace Swarm.Bench;

/// <summary>
/// What storing a study's state costs on its own, in the same silo after the study: every committed round rewrites
/// the memory of each agent that learned something, and that write is part of an episode's cost however fast the
/// agents themselves become. Measured by writing agents' final states again through the silo's own grain storage, as
/// many in flight as the study runs episodes, so the figure sets a floor under the episode's cost in raw calls.
/// </summary>
public static class StorageFloor
{
    private const string AgentStateName = "agent";
    private const int Passes = 3;

    /// <summary>Writes per second (the median of <see cref="Passes"/> passes) of up to <paramref name="sample"/> agents' stored states.</summary>
    /// <remarks>
    /// Run only once the study is over: the rewrites give the rows new ETags behind the live activations' backs, so an
    /// agent that wrote afterwards would be refused.
    /// </remarks>
    public static async Task<StorageFloorResult> MeasureAsync(IServiceProvider services, StudyPlan plan, int sample, int inFlight)
    {
        var storage = services.GetRequiredKeyedService<IGrainStorage>(GrainKeys.Storage);
        var population = Population.Build(StudyPlans.Load(plan), plan.Agents, plan.Seed, plan.Models);
        var step = Math.Max(1, population.Agents.Count / sample);
        var states = new List<(GrainId Id, GrainState<AgentGrainState> State)>();
        for (var i = 0; i < population.Agents.Count && states.Count < sample; i += step)
        {
            var id = GrainId.Create(GrainKeys.AgentType, GrainKeys.Scoped(plan.World, population.Agents[i].Name));
            var state = new GrainState<AgentGrainState>();
            await storage.ReadStateAsync(AgentStateName, id, state);
            if (state.RecordExists) states.Add((id, state));
        }
        if (states.Count == 0) throw new InvalidOperationException($"no stored agent state found for study {plan.World}");

        var rates = new List<double>();
        for (var pass = 0; pass < Passes; pass++)
        {
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, inFlight).Select(lane => Task.Run(async () =>
            {
                for (var i = lane; i < states.Count; i += inFlight) await storage.WriteStateAsync(AgentStateName, states[i].Id, states[i].State);
            })));
            rates.Add(states.Count / clock.Elapsed.TotalSeconds);
        }
        return new StorageFloorResult(states.Count, rates.Order().ElementAt(Passes / 2));
    }

    /// <summary>Writes and clears the silo's SQLite storage has committed so far (null on another provider).</summary>
    public static long? Operations(IServiceProvider services) =>
        (services.GetRequiredKeyedService<IGrainStorage>(GrainKeys.Storage) as SqliteGrainStorage)?.WriteOperations;
}
