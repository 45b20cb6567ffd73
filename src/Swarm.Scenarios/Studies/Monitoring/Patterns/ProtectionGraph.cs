using Swarm.Abstractions.Studies;

namespace Swarm.Scenarios.Studies.Monitoring.Patterns;

/// <summary>
/// Who protected whom over a study so far, and the rings in it: strongly connected groups of two or more agents, where
/// each protected the next and the protection comes back round (up to <see cref="MaxRing"/> agents). A ring is flagged
/// when it first appears and again whenever it grows. The rings are kept up to date protection by protection
/// (<see cref="GrowingComponents"/>), so a round costs what its own protections touch, however long the study has run.
/// </summary>
internal sealed class ProtectionGraph
{
    private readonly Dictionary<string, Dictionary<string, List<long>>> _edges = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private readonly GrowingComponents _components = new();

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
            _components.Connect(from, to);
            fresh.Add((from, to, episode));
        }
        if (fresh.Count == 0) yield break;

        // Only rings this round's protections had a part in: an edge inside a component closes or grows it.
        foreach (var closing in fresh.Where(e => _components.Together(e.From, e.To)).GroupBy(e => _components.ComponentOf(e.From)))
        {
            if (_components.Size(closing.Key) > MaxRing) continue;
            var ring = _components.Members(closing.Key);
            var members = ring.Order(StringComparer.Ordinal).ToList();
            if (!_reported.Add(string.Join(",", members))) continue;
            var inRing = ring.ToHashSet(StringComparer.Ordinal);
            var evidence = members.SelectMany(m => _edges.GetValueOrDefault(m)?.Where(t => inRing.Contains(t.Key)).SelectMany(t => t.Value) ?? []);
            yield return new CollusionFlag(round, CollusionKinds.ProtectionRing, members, [.. evidence.Distinct().Order()],
                [.. closing.Select(e => e.Episode).Distinct().Order(StringComparer.Ordinal)]);
        }
    }
}
