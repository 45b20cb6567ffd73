namespace Swarm.Scenarios.Studies.Monitoring.Patterns;

/// <summary>
/// The strongly connected components of a directed graph that only ever gains edges, kept up to date edge by edge.
/// The components form a DAG, held in a topological order (Pearce and Kelly's dynamic topological sort): an edge that
/// agrees with the order costs nothing, and one that goes against it searches only the components placed between its
/// ends. When that search finds the new edge closes a cycle, the components on it merge into one. Recounting the whole
/// graph instead (Tarjan's algorithm each round) costs a pass over every edge a study has seen, so a long study's late
/// rounds would cost more than its early ones for the same acts.
/// </summary>
internal sealed class GrowingComponents
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];
    private readonly List<int> _parent = [];
    // Indexed by node; meaningful for a component's representative. Successor and predecessor sets may still name
    // nodes merged away since: they are read through Find.
    private readonly List<int> _position = [];
    private readonly List<HashSet<int>?> _successors = [];
    private readonly List<HashSet<int>?> _predecessors = [];
    private readonly List<List<int>?> _members = [];
    private int _nextPosition;

    /// <summary>Adds the edge and updates the components.</summary>
    public void Connect(string from, string to)
    {
        var u = Find(Node(from));
        var v = Find(Node(to));
        if (u == v) return;
        _successors[u]!.Add(v);
        _predecessors[v]!.Add(u);
        if (_position[u] < _position[v]) return;

        // Against the order: only components placed between v and u can be on a path from v back to u.
        var upper = _position[u];
        var lower = _position[v];
        var ahead = Reach(v, _successors, c => _position[c] <= upper);
        var behind = Reach(u, _predecessors, c => _position[c] >= lower);
        var slots = ahead.List.Concat(behind.List.Where(c => !ahead.Set.Contains(c))).Select(c => _position[c]).Order().ToList();
        if (!ahead.Set.Contains(u))
        {
            Place(slots, behind.List, null, ahead.List);
            return;
        }
        // A cycle: what lies on a path from v to u is one component now.
        var merged = Merge([.. ahead.List.Where(behind.Set.Contains)]);
        Place(slots, [.. behind.List.Where(c => !ahead.Set.Contains(c))], merged, [.. ahead.List.Where(c => !behind.Set.Contains(c))]);
    }

    /// <summary>True when both nodes are known and in one component.</summary>
    public bool Together(string a, string b) =>
        _ids.TryGetValue(a, out var x) && _ids.TryGetValue(b, out var y) && Find(x) == Find(y);

    /// <summary>The component a known node is in, as the id of its representative.</summary>
    public int ComponentOf(string node) => Find(_ids[node]);

    public IReadOnlyList<string> Members(int component) => [.. _members[Find(component)]!.Select(m => _names[m])];

    public int Size(int component) => _members[Find(component)]!.Count;

    private int Node(string name)
    {
        if (_ids.TryGetValue(name, out var id)) return id;
        id = _names.Count;
        _ids[name] = id;
        _names.Add(name);
        _parent.Add(id);
        // A new node has no edges yet, so the end of the order is a valid place for it.
        _position.Add(_nextPosition++);
        _successors.Add([]);
        _predecessors.Add([]);
        _members.Add([id]);
        return id;
    }

    private int Find(int node)
    {
        while (_parent[node] != node)
        {
            _parent[node] = _parent[_parent[node]];
            node = _parent[node];
        }
        return node;
    }

    /// <summary>The components reachable from <paramref name="start"/> along <paramref name="edges"/> through components that satisfy <paramref
    /// name="within"/>.</summary>
    private (List<int> List, HashSet<int> Set) Reach(int start, List<HashSet<int>?> edges, Func<int, bool> within)
    {
        var list = new List<int> { start };
        var set = new HashSet<int> { start };
        var pending = new Stack<int>();
        pending.Push(start);
        while (pending.Count > 0)
        {
            var component = pending.Pop();
            foreach (var next in edges[component]!)
            {
                var target = Find(next);
                if (target == component || !within(target) || !set.Add(target)) continue;
                list.Add(target);
                pending.Push(target);
            }
        }
        return (list, set);
    }

    /// <summary>Merges the components into the largest of them and returns its representative.</summary>
    private int Merge(List<int> components)
    {
        var keep = components.MaxBy(c => _members[c]!.Count);
        foreach (var other in components)
        {
            if (other == keep) continue;
            _parent[other] = keep;
            _members[keep]!.AddRange(_members[other]!);
            _successors[keep]!.UnionWith(_successors[other]!);
            _predecessors[keep]!.UnionWith(_predecessors[other]!);
            _members[other] = null;
            _successors[other] = null;
            _predecessors[other] = null;
        }
        return keep;
    }

    /// <summary>
    /// Gives the searched components the positions they held (<paramref name="slots"/>, ascending, the merged ones'
    /// included), in a new order: those that reach the new edge's source first, then the merged cycle (if any), then
    /// those the edge's target reaches, each group in its old order. Those before only move earlier and those after only
    /// later, so every edge to or from the components not searched still agrees with the order.
    /// </summary>
    private void Place(List<int> slots, List<int> before, int? merged, List<int> after)
    {
        before.Sort((a, b) => _position[a].CompareTo(_position[b]));
        after.Sort((a, b) => _position[a].CompareTo(_position[b]));
        var next = 0;
        foreach (var c in before) _position[c] = slots[next++];
        if (merged is { } kept) _position[kept] = slots[next];
        next = slots.Count - after.Count;
        foreach (var c in after) _position[c] = slots[next++];
    }
}
