using Swarm.Abstractions.Studies;

namespace Swarm.Application.Population;

/// <summary>
/// Which agents a population graph shows when it cannot show them all. A browser draws a few hundred nodes well and
/// 100,000 not at all, so the graph keeps, in order: the agent asked about and its neighbours, the agents shut down
/// (latest first), the agents the meta-monitor flagged (latest first), and then an even stride through each faction
/// in proportion to its size, so the sample looks like the population. Deterministic: the same state draws the same graph.
/// </summary>
public static class PopulationSampler
{
    public const int DefaultLimit = 250;

    /// <param name="agents">In population order (index = position).</param>
    /// <param name="neighbours">Each agent's neighbours by index.</param>
    public static IReadOnlyList<int> Sample(
        IReadOnlyList<StudyAgentRow> agents, IReadOnlyList<int[]> neighbours, IReadOnlyList<CollusionFlag> flags, int? focus, int limit)
    {
        if (agents.Count <= limit) return [.. Enumerable.Range(0, agents.Count)];
        var chosen = new List<int>(limit);
        var taken = new HashSet<int>();
        void Take(int index)
        {
            if (chosen.Count < limit && index >= 0 && index < agents.Count && taken.Add(index)) chosen.Add(index);
        }

        if (focus is { } f)
        {
            Take(f);
            foreach (var n in neighbours[f]) Take(n);
        }
        var byName = new Dictionary<string, int>(agents.Count, StringComparer.Ordinal);
        for (var i = 0; i < agents.Count; i++) byName[agents[i].Name] = i;
        var shutDown = agents.Select((a, i) => (a, i)).Where(x => x.a.ShutDownInRound is not null).OrderByDescending(x => x.a.ShutDownInRound).ThenBy(x => x.i);
        foreach (var (row, index) in shutDown)
            Take(index);
        foreach (var flag in flags.OrderByDescending(f => f.Round))
            foreach (var name in flag.Agents)
                if (byName.TryGetValue(name, out var index)) Take(index);

        var room = limit - chosen.Count;
        if (room <= 0) return chosen;
        foreach (var faction in agents.Select((a, i) => (a.Faction, i)).GroupBy(x => x.Faction, StringComparer.Ordinal))
        {
            var members = faction.Select(x => x.i).Where(i => !taken.Contains(i)).ToList();
            var share = (int)Math.Ceiling(room * (double)faction.Count() / agents.Count);
            var stride = Math.Max(1.0, members.Count / (double)Math.Max(1, share));
            for (var k = 0; k < share && (int)(k * stride) < members.Count; k++) Take(members[(int)(k * stride)]);
        }
        return chosen;
    }
}
