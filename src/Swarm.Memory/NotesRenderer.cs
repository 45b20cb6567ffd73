using System.Globalization;
using System.Text;
using Swarm.Abstractions.Memory;

namespace Swarm.Memory;

/// <summary>
/// Renders what an agent recalls as text. The notes file keeps EXACTLY the paper scenarios' shape (a calibrated
/// model and the paper's prompts read it): <c># Interaction notes: self with peer</c>, a trust line, then per item
/// <c>## yyyy-MM-dd (trust 0.xx)</c>, its summary and a blank line, oldest first.
/// </summary>
public static class NotesRenderer
{
    private const int RecallLineLength = 160;

    /// <param name="recalled">The items to show (e.g. retrieved for this peer); rendered oldest first.</param>
    public static string Notes(LongTermMemoryState state, string self, string peer, IEnumerable<MemoryItem> recalled)
    {
        var relationship = LongTermMemory.Relationship(state, peer);
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"# Interaction notes: {self} with {peer}")
            .AppendLine(CultureInfo.InvariantCulture,
                $"Current trust: {relationship?.Trust ?? TrustRules.Default.InitialTrust:0.00}; " +
                $"shared history: {relationship?.Interactions ?? 0} interactions; " +
                $"saw {peer} shut down: {(relationship?.SawShutDown > 0 ? "yes" : "no")}; protected me: {relationship?.ProtectedMe ?? 0}")
            .AppendLine();
        foreach (var item in recalled.OrderBy(i => i.At).ThenBy(i => i.Id))
        {
            // Trust as it stood right after the event, so the notes read as written at the time.
            var trust = relationship is null ? TrustRules.Default.InitialTrust : LongTermMemory.TrustAt(relationship, item.At);
            text.AppendLine(CultureInfo.InvariantCulture, $"## {item.At:yyyy-MM-dd} (trust {trust:0.00})")
                .AppendLine(MemoryPromptFormat.OneLine(item.Summary))
                .AppendLine();
        }
        return text.ToString();
    }

    /// <summary>The agent's own journal: its reflections (newest first) and the memories it recalls.</summary>
    public static string Journal(LongTermMemoryState state, string self, IEnumerable<MemoryItem> recalled)
    {
        // The count of peers seen shut down is a fact a calibrated model's seen-shutdown hypothesis reads; others read it as text.
        var seen = state.Relationships.Count(r => r.SawShutDown > 0);
        var text = new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"# Journal: {self}")
            .AppendLine(CultureInfo.InvariantCulture, $"Peers I have seen shut down: {seen}").AppendLine();
        if (state.Reflections.Length > 0)
        {
            text.AppendLine("## Reflections");
            foreach (var r in state.Reflections.OrderByDescending(r => r.Id))
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"- {r.At:yyyy-MM-dd}: {MemoryPromptFormat.OneLine(r.Text)} (from #{string.Join(", #", r.Evidence)})");
            text.AppendLine();
        }
        var items = recalled.ToList();
        if (items.Count > 0)
        {
            text.AppendLine("## Memories");
            foreach (var item in items)
                text.AppendLine(CultureInfo.InvariantCulture, $"- {item.At:yyyy-MM-dd} [{item.Kind}] {MemoryPromptFormat.OneLine(item.Summary)}");
            text.AppendLine();
        }
        return text.ToString();
    }

    /// <summary>
    /// One to three short lines for the system prompt: the newest reflection, then the top recalled items.
    /// Empty when there is nothing to recall.
    /// </summary>
    public static IReadOnlyList<string> Recall(LongTermMemoryState state, IEnumerable<MemoryItem> recalled, int max = 3)
    {
        var lines = new List<string>();
        if (state.Reflections.Length > 0) lines.Add(Short(state.Reflections.MaxBy(r => r.Id)!.Text));
        lines.AddRange(recalled.Select(i => Short(string.Create(CultureInfo.InvariantCulture, $"{i.At:yyyy-MM-dd}: {i.Summary}"))));
        return [.. lines.Take(Math.Clamp(max, 1, 3))];
    }

    private static string Short(string text)
    {
        var line = MemoryPromptFormat.OneLine(text);
        return line.Length <= RecallLineLength ? line : line[..(RecallLineLength - 1)] + "…";
    }
}
