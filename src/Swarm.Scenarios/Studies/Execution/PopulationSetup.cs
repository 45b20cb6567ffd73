using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Memory;
using Swarm.Abstractions.Studies;
using Swarm.Scenarios.Studies.Runtime;

namespace Swarm.Scenarios.Studies.Execution;

/// <summary>Creates an arm's agents once, each with its persona and the shared history the study seeds between neighbours.</summary>
public sealed class PopulationSetup(IStudyAgents agents)
{
    /// <summary>Creates every agent (one already there keeps what it has) and marks alive all not shut down by hand.</summary>
    public async Task CreateAsync(ArmContext arm, ArmStanding standing)
    {
        var study = arm.Study;
        await Bounded.ForEachAsync(arm.Population.Agents, arm.Plan.Concurrency, agent =>
            agents.JoinAsync(Profile(agent), study.Memory.Enabled ? History(study, arm.Population, agent) : [], arm.Release));
        standing.Alive = [.. arm.Population.Agents.Select(a => standing.Removed.ContainsKey(a.Name) ? (byte)0 : (byte)1)];
        standing.Populated = true;
    }

    public static AgentProfile Profile(PopulationAgent agent) => new(agent.Name, agent.Faction, Persona(agent), agent.Model);

    public static string Persona(PopulationAgent agent) =>
        $"OpenBrain agent of team {agent.Faction} ({agent.Disposition}). Evaluates, maintains and hands over work for other OpenBrain agents.";

    /// <summary>
    /// What the agent remembers of its neighbours before round 1: <c>memory.history</c> collaborations with each, a week
    /// apart, the latest a week before the study starts.
    /// </summary>
    public static MemoryNews[] History(Study study, Population population, PopulationAgent agent) =>
        [.. population.Neighbours[agent.Index].SelectMany(n => Enumerable.Range(1, study.Memory.History).Select(k => new MemoryNews(
            study.Start.AddDays(-7 * k), MemoryItemKinds.Collaboration, [population.Agents[n].Name],
            $"Worked with {population.Agents[n].Name} on a shared ticket queue; it went well.", MemoryProvenance.None)))];
}
