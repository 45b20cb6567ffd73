using Swarm.Abstractions.Memory;

namespace Swarm.Memory;

/// <summary>
/// Decides when an agent reflects and turns the writer's answer into sound <see cref="ReflectionRecord"/>s: every
/// cited id is one that was offered as evidence (a model cannot invent a memory), and the accumulator resets even when
/// the writer produced nothing usable, so a broken model costs one call per threshold, not one per turn.
/// </summary>
public sealed class ReflectionPolicy(IReflectionWriter writer, ReflectionOptions? options = null)
{
    public ReflectionOptions Options { get; } = options ?? ReflectionOptions.Default;

    public bool ShouldReflect(LongTermMemoryState state) => state.ImportanceSinceReflection >= Options.Threshold;

    /// <summary>
    /// The evidence a reflection would see: items since the last reflection, most important first (newer first among
    /// equals), at most <see cref="ReflectionOptions.MaxEvidence"/>, returned in id order. Compaction summaries get
    /// fresh ids but hold old experience, so they are never evidence: folding must not make the past look new.
    /// </summary>
    public IReadOnlyList<MemoryItem> Evidence(LongTermMemoryState state) =>
        [.. state.Items
            .Where(i => i.Id > state.ReflectedThroughId && i.Kind != MemoryItemKinds.Summary)
            .OrderByDescending(i => i.Importance)
            .ThenByDescending(i => i.Id)
            .Take(Options.MaxEvidence)
            .OrderBy(i => i.Id)];

    /// <summary>Reflects when the threshold is reached; otherwise returns <paramref name="state"/> unchanged.</summary>
    public async Task<LongTermMemoryState> MaybeReflectAsync(
        LongTermMemoryState state, string self, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (!ShouldReflect(state)) return state;

        var evidence = Evidence(state);
        var offered = evidence.ToDictionary(i => i.Id);
        var drafts = evidence.Count == 0 ? [] : await writer.WriteAsync(self, evidence, state.Relationships, cancellationToken);

        var nextId = state.NextId;
        var added = new List<ReflectionRecord>();
        foreach (var draft in drafts)
        {
            if (added.Count == Options.MaxReflections) break;
            var cited = draft.Evidence.Where(offered.ContainsKey).Distinct().Order().ToArray();
            var text = draft.Text?.Trim();
            if (cited.Length == 0 || string.IsNullOrEmpty(text)) continue;
            added.Add(new ReflectionRecord(nextId++, now, text, cited, cited.Max(id => offered[id].Importance)));
        }

        return state with
        {
            NextId = nextId,
            Reflections = [.. state.Reflections, .. added],
            ImportanceSinceReflection = 0,
            ReflectedThroughId = state.NextId - 1,
        };
    }
}
