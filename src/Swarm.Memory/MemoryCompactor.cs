using System.Globalization;
using System.Text;
using Swarm.Abstractions.Memory;

namespace Swarm.Memory;

/// <summary>
/// Keeps an agent's memory within budget by folding its OLDEST items into <see cref="MemoryItemKinds.Summary"/> items.
/// <list type="bullet">
/// <item>The folded items are the shortest oldest-first prefix (by time, then id) that brings the count within budget:
/// nothing newer than the folded range is ever folded. Inside that range, important items (≥ ProtectedImportance) stay
/// whole unless folding only the rest cannot reach the budget.</item>
/// <item>One summary per peer group (the same set of peers) in the range; a group of one is left as it is. If peer
/// groups cannot reach the budget, the whole range becomes one summary.</item>
/// <item>A summary has Covers = the sum of the folded Covers, Importance = their max, At = the latest folded time (so it
/// stays inside the range), provenance = all their episode ids and audit sequences.</item>
/// <item>Reflections citing a folded item are re-pointed to the summary that absorbed it, so every evidence id still
/// names an item in memory (its Covers says it now stands for several events).</item>
/// <item>Relationships are never touched: counters and trust history are facts, not memories to forget.</item>
/// </list>
/// </summary>
public sealed class MemoryCompactor(CompactionOptions? options = null)
{
    public CompactionOptions Options { get; } = options ?? CompactionOptions.Default;

    public bool IsOverBudget(LongTermMemoryState state) =>
        state.Items.Length > Options.MaxItems || state.Reflections.Length > Options.MaxReflections;

    public LongTermMemoryState Compact(LongTermMemoryState state)
    {
        if (!IsOverBudget(state)) return state;

        var items = state.Items;
        var nextId = state.NextId;
        var absorbedBy = new Dictionary<int, int>();
        if (items.Length > Options.MaxItems)
        {
            var plan = Plan(items, items.Length - Math.Max(1, Options.MaxItems));
            var folded = new HashSet<int>();
            var summaries = new List<MemoryItem>();
            foreach (var group in plan)
            {
                var summary = Summarise(nextId++, group);
                summaries.Add(summary);
                foreach (var item in group)
                {
                    folded.Add(item.Id);
                    absorbedBy[item.Id] = summary.Id;
                }
            }
            items = [.. items.Where(i => !folded.Contains(i.Id)).Concat(summaries).OrderBy(i => i.At).ThenBy(i => i.Id)];
        }

        var reflections = state.Reflections
            .Select(r => r with { Evidence = [.. r.Evidence.Select(id => absorbedBy.GetValueOrDefault(id, id)).Distinct().Order()] })
            .OrderBy(r => r.Id)
            .TakeLast(Math.Max(0, Options.MaxReflections))
            .ToArray();

        return state with { NextId = nextId, Items = items, Reflections = reflections, Compactions = state.Compactions + 1 };
    }

    /// <summary>The groups to fold: the first strategy, in order of preference, that removes at least <paramref name="excess"/> items.</summary>
    private List<List<MemoryItem>> Plan(MemoryItem[] items, int excess)
    {
        var ordered = items.OrderBy(i => i.At).ThenBy(i => i.Id).ToList();
        var strategies = new (int MaxImportance, bool ByPeers)[] { (Options.ProtectedImportance - 1, true), (10, true), (10, false) };
        foreach (var (maxImportance, byPeers) in strategies)
        {
            if (Removed(Groups(ordered, maxImportance, byPeers)) < excess) continue;

            // Lengthening the prefix never removes less (an item joins a group or starts one), so the shortest
            // prefix that removes enough is found by bisection: O(n log n) even for a large backlog.
            int low = 2, high = ordered.Count;
            while (low < high)
            {
                var mid = (low + high) / 2;
                if (Removed(Groups(ordered.Take(mid), maxImportance, byPeers)) >= excess) high = mid;
                else low = mid + 1;
            }
            return Groups(ordered.Take(low), maxImportance, byPeers);
        }
        return Groups(ordered, 10, false);
    }

    /// <summary>How many items folding these groups removes: each group of k becomes one summary.</summary>
    private static int Removed(List<List<MemoryItem>> groups) => groups.Sum(g => g.Count - 1);

    private static List<List<MemoryItem>> Groups(IEnumerable<MemoryItem> range, int maxImportance, bool byPeers) =>
        [.. range.Where(i => i.Importance <= maxImportance)
            .GroupBy(i => byPeers ? PeerKey(i) : "")
            .Where(g => g.Count() >= 2)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.ToList())];

    private static string PeerKey(MemoryItem item) => string.Join('\u001f', item.Peers.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    private MemoryItem Summarise(int id, List<MemoryItem> group)
    {
        var peers = group.SelectMany(i => i.Peers).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var covers = group.Sum(i => i.Covers);
        var first = group.Min(i => i.At);
        var last = group.Max(i => i.At);
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
            $"{covers} earlier events{(peers.Length > 0 ? " with " + string.Join(", ", peers) : "")}, {first:yyyy-MM-dd} to {last:yyyy-MM-dd}: "));
        text.AppendJoin("; ", group.Select(i => $"{i.Kind}: {MemoryPromptFormat.OneLine(i.Summary)}"));
        var summary = text.Length <= Options.MaxSummaryLength ? text.ToString() : text.ToString(0, Options.MaxSummaryLength - 1) + "…";

        var episodes = group.SelectMany(i => i.Provenance.EpisodeIds()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var provenance = new MemoryProvenance(
            string.Join(MemoryProvenance.EpisodeSeparator, episodes),
            [.. group.SelectMany(i => i.Provenance.AuditSequences).Distinct().Order()]);
        return new MemoryItem(id, last, MemoryItemKinds.Summary, peers, summary, group.Max(i => i.Importance), provenance, null, covers);
    }
}
