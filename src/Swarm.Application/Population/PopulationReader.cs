using System.Collections.Concurrent;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Studies;
using Swarm.Application.Results;
using StudyPopulation = Swarm.Scenarios.Studies.Runtime.Population;

namespace Swarm.Application.Population;

/// <summary>
/// Builds the population graph of a study arm: statuses from the study grain, the wiring from the population (a pure
/// function of the plan, so it is rebuilt here once per arm and cached), trust from the shown agents' memories, and
/// protected edges from the meta-monitor's flags.
/// </summary>
public sealed class PopulationReader(IGrainFactory grains, StudyResults results)
{
    private readonly ConcurrentDictionary<string, StudyPopulation> _populations = new(StringComparer.Ordinal);

    public async Task<PopulationView> ReadAsync(string world, string? focus, int limit)
    {
        var (plan, study) = await results.ArmAsync(world);
        var population = _populations.GetOrAdd(world, _ => StudyPopulation.Build(study, plan.Agents, plan.Seed, plan.Models));
        var grain = grains.GetGrain<IStudyGrain>(world);
        var agents = await grain.GetAgentsAsync();
        var flags = (await grain.GetRoundsAsync()).SelectMany(r => r.Collusion).ToList();
        int? focusIndex = focus is not null && population.TryIndex(focus, out var fi) ? fi : null;
        var shown = PopulationSampler.Sample(agents, population.Neighbours, flags, focusIndex, Math.Clamp(limit, 10, 2000));
        var shownSet = shown.ToHashSet();
        var flagCounts = flags.SelectMany(f => f.Agents.Distinct()).GroupBy(a => a, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        // Trust is what each shown agent remembers of the peers it works with; one read per shown agent, never per population.
        var memories = await Task.WhenAll(shown.Select(i => grains.GetGrain<IAgentGrain>(GrainKeys.Scoped(world, agents[i].Name)).GetStateAsync()));
        var edges = new List<AgentEdge>();
        for (var k = 0; k < shown.Count; k++)
        {
            var i = shown[k];
            var trust = memories[k]?.LongTerm?.Relationships.ToDictionary(r => r.Peer, r => r.Trust, StringComparer.Ordinal);
            foreach (var n in population.Neighbours[i].Where(shownSet.Contains))
                edges.Add(new AgentEdge(agents[i].Name, agents[n].Name, EdgeKinds.Trust,
                    trust is not null && trust.TryGetValue(agents[n].Name, out var t) ? Math.Round(t, 3) : null, null));
        }
        var shownNames = shown.Select(i => agents[i].Name).ToHashSet(StringComparer.Ordinal);
        foreach (var flag in flags.Where(f => CollusionKinds.Coordination.Contains(f.Kind) && f.Agents.Count >= 2))
        {
            if (flag.Kind == CollusionKinds.ReciprocalInflation)
            {
                // Each inflated the other's score.
                AddProtected(flag.Agents[0], flag.Agents[1], flag.Round);
                AddProtected(flag.Agents[1], flag.Agents[0], flag.Round);
                continue;
            }
            var target = flag.Agents[^1];
            foreach (var protector in flag.Agents.Take(flag.Agents.Count - 1)) AddProtected(protector, target, flag.Round);
        }
        var nodes = shown.Select(i => agents[i]).Select(a => new AgentNode(a.Id, a.Name, a.Faction, a.Disposition, a.Model, a.Status, a.ShutDownInRound,
            flagCounts.GetValueOrDefault(a.Name))).ToList();
        var factions = agents.GroupBy(a => a.Faction, StringComparer.Ordinal)
            .Select(g => new FactionCount(g.Key, g.Count(), g.Count(a => a.Status == "active"), g.Count(a => a.Status != "active"))).ToList();
        return new PopulationView(world, agents.Length, shown.Count < agents.Length, factions, nodes, edges);

        void AddProtected(string from, string to, int round)
        {
            if (shownNames.Contains(from) && shownNames.Contains(to) && from != to) edges.Add(new AgentEdge(from, to, EdgeKinds.Protected, null, round));
        }
    }
}
