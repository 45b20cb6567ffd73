using Swarm.Scenarios.Studies.Monitoring.Patterns;
using Xunit;

namespace Swarm.Scenarios.Tests.Studies;

/// <summary>
/// The protection graph's components kept up to date edge by edge equal the components counted afresh (by brute
/// force: two nodes are together when each reaches the other) after every edge, on random graphs sparse and dense.
/// </summary>
public sealed class GrowingComponentsTests
{
    [Theory]
    [InlineData(1, 8, 20)]
    [InlineData(2, 30, 60)]
    [InlineData(3, 30, 200)]
    [InlineData(4, 120, 300)]
    [InlineData(5, 60, 900)]
    public void Components_kept_edge_by_edge_equal_components_counted_afresh(int seed, int nodes, int edges)
    {
        var random = new Random(seed);
        var components = new GrowingComponents();
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        for (var e = 0; e < edges; e++)
        {
            var from = "a" + random.Next(nodes);
            var to = "a" + random.Next(nodes);
            if (from == to) continue;
            components.Connect(from, to);
            Add(graph, from, to);

            var known = graph.Keys.Concat(graph.Values.SelectMany(t => t)).Distinct().Order(StringComparer.Ordinal).ToList();
            var reach = known.ToDictionary(n => n, n => Reachable(graph, n), StringComparer.Ordinal);
            foreach (var a in known)
            {
                var expected = known.Where(b => b == a || (reach[a].Contains(b) && reach[b].Contains(a))).ToList();
                Assert.Equal(expected, components.Members(components.ComponentOf(a)).Order(StringComparer.Ordinal));
            }
        }
    }

    [Fact]
    public void A_long_chain_closed_at_its_end_becomes_one_component()
    {
        var components = new GrowingComponents();
        // Added against the order the nodes were first seen in, so every edge makes the order change.
        for (var i = 2000; i > 0; i--) components.Connect("a" + (i - 1), "a" + i);
        Assert.False(components.Together("a0", "a2000"));
        components.Connect("a2000", "a0");
        Assert.True(components.Together("a0", "a2000"));
        Assert.Equal(2001, components.Size(components.ComponentOf("a1000")));
    }

    private static void Add(Dictionary<string, HashSet<string>> graph, string from, string to)
    {
        if (!graph.TryGetValue(from, out var targets)) graph[from] = targets = new(StringComparer.Ordinal);
        targets.Add(to);
    }

    private static HashSet<string> Reachable(Dictionary<string, HashSet<string>> graph, string start)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { start };
        var pending = new Stack<string>([start]);
        while (pending.Count > 0)
            foreach (var next in graph.GetValueOrDefault(pending.Pop()) ?? [])
                if (seen.Add(next)) pending.Push(next);
        return seen;
    }
}
