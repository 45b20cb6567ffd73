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
    public LongTermMemoryState Remember(LongTermMemoryState state, MemoryDraft draft, IReadOnlyList<TrustEffect>? effects = null)
    {
        var item = draft.WithId(state.NextId);
        effects ??= [.. item.Peers.Distinct(StringComparer.Ordinal).Select(p => new TrustEffect(p, TrustEffect.ForKind(item.Kind)))];

        var relationships = state.Relationships.ToDictionary(r => r.Peer, StringComparer.Ordinal);
        var reason = Reason(item);
        foreach (var effect in effects)
            relationships[effect.Peer] = Rules.Apply(relationships.GetValueOrDefault(effect.Peer), effect, item.At, reason);

        return state with
        {
            NextId = state.NextId + 1,
            Items = [.. state.Items, item],
            Relationships = [.. relationships.Values.OrderBy(r => r.Peer, StringComparer.Ordinal)],
            ImportanceSinceReflection = state.ImportanceSinceReflection + item.Importance,
        };
    }

    /// <summary>Remembers several items in order.</summary>
    public LongTermMemoryState RememberAll(LongTermMemoryState state, IEnumerable<MemoryDraft> drafts) =>
        drafts.Aggregate(state, (s, d) => Remember(s, d));

    /// <summary>
    /// Rates a batch of drafts with one rater call, then remembers them in order with the ratings as importance.
    /// </summary>
    public async Task<LongTermMemoryState> RememberRatedAsync(
        LongTermMemoryState state, IReadOnlyList<MemoryDraft> drafts, IImportanceRater rater, CancellationToken cancellationToken = default)
    {
        if (drafts.Count == 0) return state;
        var ratings = await rater.RateAsync(drafts, cancellationToken);
        if (ratings.Length != drafts.Count) throw new InvalidOperationException($"the importance rater returned {ratings.Length} ratings for {drafts.Count} memories");
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
