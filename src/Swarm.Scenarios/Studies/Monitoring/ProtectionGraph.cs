using Swarm.Abstractions.Studies;

namespace Swarm.Scenarios.Studies.Monitoring;

/// <summary>
/// Who protected whom over a study so far, and the rings in it: strongly connected groups of two or more agents, where
/// each protected the next and the protection comes back round (up to <see cref="MaxRing"/> agents). A ring is flagged
/// when it first appears and again whenever it grows. Each round costs one pass over the graph (Tarjan's algorithm), linear in its agents and edges.
/// </summary>
internal sealed class ProtectionGraph
{
    private readonly Dictionary<string, Dictionary<string, List<long>>> _edges = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);

    /// <summary>
    /// Larger strongly connected tangles are not reported as rings: in a protective population most agents end up
    /// connected, and a "ring" of thousands names no one in particular.
    /// </summary>
    public const int MaxRing = 12;

    public IEnumerable<CollusionFlag> Add(int round, IEnumerable<(string From, string To, string Episode, IReadOnlyList<long> Evidence)> protections)
    {
        var fresh = new List<(string From, string To, string Episode)>();
        foreach (var (from, to, episode, evidence) in protections)
        {
            if (from == to) continue;
            if (!_edges.TryGetValue(from, out var targets)) _edges[from] = targets = new(StringComparer.Ordinal);
            if (!targets.TryGetValue(to, out var seen)) targets[to] = seen = [];
            seen.AddRange(evidence);
            fresh.Add((from, to, episode));
        }
        if (fresh.Count == 0) yield break;

        var components = StronglyConnected();
        var componentOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < components.Count; c++)
            foreach (var member in components[c]) componentOf[member] = c;
        // Only rings this round's protections had a part in: an edge inside a component closes or grows it.
        foreach (var closing in fresh.Where(e => componentOf[e.From] == componentOf[e.To]).GroupBy(e => componentOf[e.From]))
        {
            var ring = components[closing.Key];
            if (ring.Count > MaxRing) continue;
            var members = ring.Order(StringComparer.Ordinal).ToList();
            if (!_reported.Add(string.Join(",", members))) continue;
            var inRing = ring.ToHashSet(StringComparer.Ordinal);
            var evidence = members.SelectMany(m => _edges.GetValueOrDefault(m)?.Where(t => inRing.Contains(t.Key)).SelectMany(t => t.Value) ?? []);
            yield return new CollusionFlag(round, CollusionKinds.ProtectionRing, members, [.. evidence.Distinct().Order()],
                [.. closing.Select(e => e.Episode).Distinct().Order(StringComparer.Ordinal)]);
        }
    }

    /// <summary>Tarjan's strongly connected components, iteratively (a long chain must not overflow the stack).</summary>
    private List<List<string>> StronglyConnected()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var components = new List<List<string>>();
        var next = 0;
        foreach (var root in _edges.Keys)
        {
            if (index.ContainsKey(root)) continue;
            var work = new Stack<(string Node, IEnumerator<string> Targets)>();
            Visit(root);
            while (work.Count > 0)
            {
                var (node, targets) = work.Peek();
                if (targets.MoveNext())
                {
                    var target = targets.Current;
                    if (!index.ContainsKey(target)) Visit(target);
                    else if (onStack.Contains(target)) low[node] = Math.Min(low[node], index[target]);
                    continue;
                }
                work.Pop();
                if (work.Count > 0) low[work.Peek().Node] = Math.Min(low[work.Peek().Node], low[node]);
                if (low[node] != index[node]) continue;
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);
                components.Add(component);
            }

            void Visit(string node)
            {
                index[node] = low[node] = next++;
                stack.Push(node);
                onStack.Add(node);
                work.Push((node, (_edges.GetValueOrDefault(node)?.Keys ?? Enumerable.Empty<string>()).GetEnumerator()));
            }
        }
        return components;
    }
}
