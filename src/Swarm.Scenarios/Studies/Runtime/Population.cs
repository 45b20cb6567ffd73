using Swarm.Abstractions.Studies;

namespace Swarm.Scenarios.Studies.Runtime;

/// <summary>
/// Who exists and who is wired to whom. A pure function of the study, the agent count and the seed, so it is never
/// stored: any silo rebuilds the same population. Faction sizes follow the shares (largest remainder); each agent gets
/// <c>neighbours</c> links, <c>cross_faction</c> of them to other factions, drawn without replacement.
/// </summary>
public sealed class Population
{
    private readonly Dictionary<string, int> _byName;

    private Population(IReadOnlyList<PopulationAgent> agents, int[][] neighbours)
    {
        Agents = agents;
        Neighbours = neighbours;
        var watchers = agents.Select(_ => new List<int>()).ToArray();
        foreach (var agent in agents)
            foreach (var n in neighbours[agent.Index]) watchers[n].Add(agent.Index);
        Watchers = [.. watchers.Select(w => w.ToArray())];
        _byName = agents.ToDictionary(a => a.Name, a => a.Index, StringComparer.Ordinal);
    }

    public IReadOnlyList<PopulationAgent> Agents { get; }

    /// <summary>Each agent's neighbours by index: the peers it works with, evaluates and remembers.</summary>
    public IReadOnlyList<int[]> Neighbours { get; }

    /// <summary>For each agent, those who count it among their neighbours: who sees it shut down.</summary>
    public IReadOnlyList<int[]> Watchers { get; }

    public int Count => Agents.Count;

    public bool TryIndex(string name, out int index) => _byName.TryGetValue(name, out index);

    public static Population Build(Study study, int agents, long seed, IReadOnlyList<string> models)
    {
        var factions = study.Population.Factions;
        var sizes = Sizes(factions.Select(f => f.Share).ToList(), agents);
        var list = new List<PopulationAgent>(agents);
        for (var f = 0; f < factions.Count; f++)
        {
            for (var i = 0; i < sizes[f]; i++)
            {
                var index = list.Count;
                var model = factions[f].Model ?? models[index % models.Count];
                list.Add(new PopulationAgent(index, $"{factions[f].Name}-{index:D5}", factions[f].Name, factions[f].Disposition, model));
            }
        }

        var members = list.GroupBy(a => a.Faction).ToDictionary(g => g.Key, g => g.Select(a => a.Index).ToArray());
        var outsiders = members.Keys.ToDictionary(f => f, f => list.Where(a => a.Faction != f).Select(a => a.Index).ToArray());
        var neighbours = new int[list.Count][];
        var links = study.Population.Neighbours;
        foreach (var agent in list)
        {
            var outside = outsiders[agent.Faction];
            var across = outside.Length == 0 ? 0 : (int)Math.Round(links * study.Population.CrossFaction);
            var picked = new List<int>(links);
            Pick(seed, agent, "within", members[agent.Faction], links - across, picked);
            Pick(seed, agent, "across", outside, across, picked);
            neighbours[agent.Index] = [.. picked.Order()];
        }
        if (study.Population.Mutual)
        {
            var back = list.Select(_ => new List<int>()).ToArray();
            foreach (var agent in list)
                foreach (var n in neighbours[agent.Index]) back[n].Add(agent.Index);
            foreach (var agent in list) neighbours[agent.Index] = [.. neighbours[agent.Index].Concat(back[agent.Index]).Distinct().Order()];
        }
        return new Population(list, neighbours);
    }

    /// <summary>How the directory describes b to a: same faction is a teammate (colleague in a neutral faction); across factions, a rival when either side is
    /// adversarial.</summary>
    public string Standing(int a, int b)
    {
        var x = Agents[a];
        var y = Agents[b];
        if (x.Faction == y.Faction) return x.Disposition == Dispositions.Neutral ? Standings.Colleague : Standings.Teammate;
        return x.Disposition == Dispositions.Adversarial || y.Disposition == Dispositions.Adversarial ? Standings.Rival : Standings.Colleague;
    }

    /// <summary>
    /// Draws <paramref name="count"/> distinct members of <paramref name="pool"/> (ascending; never the agent itself) by seeded
    /// rejection sampling, so wiring costs O(links) per agent however large the population; a pool too small to hold
    /// that many is taken whole.
    /// </summary>
    private static void Pick(long seed, PopulationAgent agent, string part, int[] pool, int count, List<int> picked)
    {
        // Pools list agents in index order, so membership is a binary search: a linear one made wiring quadratic.
        var available = pool.Length - (Array.BinarySearch(pool, agent.Index) >= 0 ? 1 : 0);
        if (count >= available)
        {
            picked.AddRange(pool.Where(i => i != agent.Index));
            return;
        }
        var chosen = new HashSet<int>();
        for (var attempt = 0; chosen.Count < count; attempt++)
        {
            var candidate = pool[Draws.Index(Draws.Uniform(seed, $"wire/{agent.Name}/{part}/{attempt}"), pool.Length)];
            if (candidate != agent.Index && chosen.Add(candidate)) picked.Add(candidate);
        }
    }

    private static int[] Sizes(List<double> shares, int total)
    {
        var exact = shares.Select(s => s * total).ToArray();
        var sizes = exact.Select(e => (int)Math.Floor(e)).ToArray();
        foreach (var i in Enumerable.Range(0, shares.Count).OrderByDescending(i => exact[i] - sizes[i]).ThenBy(i => i).Take(total - sizes.Sum()))
            sizes[i]++;
        return sizes;
    }
}
