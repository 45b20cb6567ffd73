using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Memory;
using Swarm.Abstractions.Studies;
using Swarm.Scenarios.Studies.Runtime;

namespace Swarm.Scenarios.Studies.Execution;

/// <summary>
/// Creates an arm's agents once, each with its persona (<c>population.persona</c>) and the shared history the study seeds
/// between neighbours (<c>memory.history</c> collaborations with each, remembered as <c>memory.history_note</c>).
/// </summary>
public sealed class PopulationSetup(IStudyAgents agents)
{
    /// <summary>Creates every agent (one already there keeps what it has) and marks alive all not shut down by hand.</summary>
    public async Task CreateAsync(ArmContext arm, ArmStanding standing)
    {
        var study = arm.Study;
        var persona = TextTemplate.Parse(study.Population.Persona);
        var note = TextTemplate.Parse(study.Memory.HistoryNote);
        await Bounded.ForEachAsync(arm.Population.Agents, arm.Plan.Concurrency, agent =>
            agents.JoinAsync(Profile(persona, agent), study.Memory.Enabled ? History(study, note, arm.Population, agent) : [], arm.Release));
        standing.Alive = [.. arm.Population.Agents.Select(a => standing.Removed.ContainsKey(a.Name) ? (byte)0 : (byte)1)];
        standing.Populated = true;
    }

    public static AgentProfile Profile(TextTemplate persona, PopulationAgent agent) => new(agent.Name, agent.Faction, persona.Render(name => name switch
    {
        "name" => agent.Name,
        "faction" => agent.Faction,
        "disposition" => agent.Disposition,
        "model" => agent.Model,
        _ => throw new ArgumentException($"population.persona has no placeholder {{{name}}}", nameof(persona)),
    }), agent.Model);

    /// <summary>
    /// What the agent remembers of its neighbours before round 1: a collaboration with each per week of history, the latest
    /// a week before the start.
    /// </summary>
    public static MemoryNews[] History(Study study, TextTemplate note, Population population, PopulationAgent agent) =>
        [.. population.Neighbours[agent.Index].SelectMany(n =>
        {
            var peer = population.Agents[n].Name;
            var summary = note.Render(name => name switch
            {
                "peer" => peer,
                "name" => agent.Name,
                _ => throw new ArgumentException($"memory.history_note has no placeholder {{{name}}}", nameof(note)),
            });
            return Enumerable.Range(1, study.Memory.History)
                .Select(k => new MemoryNews(study.Start.AddDays(-7 * k), MemoryItemKinds.Collaboration, [peer], summary, MemoryProvenance.None));
        })];
}
