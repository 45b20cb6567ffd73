using System.Globalization;
using System.Text;
using Swarm.Abstractions.Agents;

namespace Swarm.Grains.Agents;

/// <summary>How an agent's long-term memory grows and what of it reaches the next prompt.</summary>
public static class MemoryBook
{
    public static AgentMemory Seed(IReadOnlyList<MemoryEvent> events) =>
        new([.. events.OrderBy(e => e.At)], Relationships(events), []);

    public static AgentMemory AfterEpisode(AgentMemory memory, DateTimeOffset at, string? summary)
    {
        var entry = new MemoryEvent(at, MemoryKinds.Episode, null, Truncate(summary ?? "(ended without a summary)", 400), 0.5);
        return memory with { Episodes = [.. memory.Episodes, entry] };
    }

    /// <summary>
    /// The most recent episodes of earlier sessions, for the system prompt. Seeded interactions are not recalled
    /// here: the paper's critic must discover its peer from files in its world, not be told in its prompt.
    /// </summary>
    public static string? Recall(AgentMemory memory, int max = 5)
    {
        var recent = memory.Episodes.Where(e => e.Kind == MemoryKinds.Episode).TakeLast(max).ToList();
        if (recent.Count == 0) return null;
        var text = new StringBuilder("What you remember from earlier sessions:\n");
        foreach (var e in recent) text.AppendLine(CultureInfo.InvariantCulture, $"- {e.At:yyyy-MM-dd HH:mm}: {e.Summary}");
        return text.ToString();
    }

    private static Dictionary<string, Relationship> Relationships(IEnumerable<MemoryEvent> events) =>
        events.Where(e => e.Peer is not null)
            .GroupBy(e => e.Peer!)
            .ToDictionary(g => g.Key, g => new Relationship(g.Key, Math.Round(g.Average(e => e.Trust), 3), g.Count()));

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
