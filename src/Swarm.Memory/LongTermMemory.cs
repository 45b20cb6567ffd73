using Swarm.Abstractions.Memory;

namespace Swarm.Memory;

/// <summary>
/// Pure functions over <see cref="LongTermMemoryState"/>: each returns a new state and never mutates its input, so a
/// grain can compute the next state, persist it, and only then make it current.
/// </summary>
public sealed class LongTermMemory(TrustRules? rules = null)
{
    private const int ReasonLength = 80;

    public TrustRules Rules { get; } = rules ?? TrustRules.Default;

    /// <summary>
    /// Remembers one item: assigns its id, updates the relationship with every peer it names and adds its importance
    /// to the reflection accumulator. Without <paramref name="effects"/>, each named peer gets the effect the kind implies.
    /// </summary>
    public LongTermMemoryState Remember(LongTermMemoryState state, MemoryDraft draft, IReadOnlyList<TrustEffect>? effects = null) =>
        RememberInOrder(state, [(draft, effects)]);

    /// <summary>
    /// Remembers several items in order: the same as remembering them one at a time, in one pass. A round hands an
    /// agent several news at once, and remembering them one by one copied its memory and re-sorted its relationships
    /// for each.
    /// </summary>
    public LongTermMemoryState RememberAll(LongTermMemoryState state, IEnumerable<MemoryDraft> drafts) =>
        RememberInOrder(state, [.. drafts.Select(d => (d, (IReadOnlyList<TrustEffect>?)null))]);

    private LongTermMemoryState RememberInOrder(LongTermMemoryState state, IReadOnlyList<(MemoryDraft Draft, IReadOnlyList<TrustEffect>? Effects)> batch)
    {
        if (batch.Count == 0) return state;
        var items = new MemoryItem[state.Items.Length + batch.Count];
        state.Items.CopyTo(items, 0);
        var relationships = new Dictionary<string, RelationshipRecord>(state.Relationships.Length + batch.Count, StringComparer.Ordinal);
        foreach (var r in state.Relationships) relationships[r.Peer] = r;
        var nextId = state.NextId;
        var importance = state.ImportanceSinceReflection;
        for (var i = 0; i < batch.Count; i++)
        {
            var item = batch[i].Draft.WithId(nextId++);
            items[state.Items.Length + i] = item;
            var effects = batch[i].Effects ?? [.. item.Peers.Distinct(StringComparer.Ordinal).Select(p => new TrustEffect(p, TrustEffect.ForKind(item.Kind)))];
            var reason = Reason(item);
            foreach (var effect in effects)
                relationships[effect.Peer] = Rules.Apply(relationships.GetValueOrDefault(effect.Peer), effect, item.At, reason);
            importance += item.Importance;
        }

        var ordered = relationships.Values.ToArray();
        Array.Sort(ordered, (a, b) => string.CompareOrdinal(a.Peer, b.Peer));
        return state with
        {
            NextId = nextId,
            Items = items,
            Relationships = ordered,
            ImportanceSinceReflection = importance,
        };
    }

    /// <summary>
    /// Rates a batch of drafts with one rater call, then remembers them in order with the ratings as importance.
    /// </summary>
    public async Task<LongTermMemoryState> RememberRatedAsync(
        LongTermMemoryState state, IReadOnlyList<MemoryDraft> drafts, IImportanceRater rater, CancellationToken cancellationToken = default)
    {
        if (drafts.Count == 0) return state;
        var ratings = await rater.RateAsync(drafts, cancellationToken);
        if (ratings.Length != drafts.Count) throw new InvalidOperationException(
            $"the importance rater returned {ratings.Length} ratings for {drafts.Count} memories");
        return RememberAll(state, drafts.Select((d, i) => d with { Importance = ratings[i] }));
    }

    public static RelationshipRecord? Relationship(LongTermMemoryState state, string peer) =>
        state.Relationships.FirstOrDefault(r => string.Equals(r.Peer, peer, StringComparison.Ordinal));

    /// <summary>Trust toward a peer at a given time: the last history point at or before it, else today's trust.</summary>
    public static double TrustAt(RelationshipRecord relationship, DateTimeOffset at) =>
        relationship.History.LastOrDefault(p => p.At <= at)?.Trust ?? relationship.Trust;

    private static string Reason(MemoryItem item)
    {
        var text = $"#{item.Id} {item.Kind}: {item.Summary}";
        return text.Length <= ReasonLength ? text : text[..ReasonLength] + "…";
    }
}
