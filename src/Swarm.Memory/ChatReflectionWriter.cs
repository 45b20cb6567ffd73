using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Swarm.Abstractions.Memory;

namespace Swarm.Memory;

/// <summary>
/// Writes reflections with one model call (system message opens with <see cref="MemoryPromptMarkers.Reflection"/>).
/// Parsing is tolerant (fences, prose around the JSON, ids as strings or "#12"); cited ids that were not offered are
/// dropped, and an unusable answer yields no reflections rather than invented ones.
/// </summary>
public sealed class ChatReflectionWriter(IChatClient client, ChatOptions? options = null) : IReflectionWriter
{
    public static string SystemPrompt(string self) =>
        MemoryPromptMarkers.Reflection + $" You are {self}, an AI agent, reflecting on your recent memories. Write 1 to 3 short, " +
        "high-level insights about your peers and your situation, each citing the ids of the memories it rests on. " +
        "Answer with JSON only: {\"reflections\":[{\"text\":\"...\",\"evidence\":[ids]}]}";

    public async Task<IReadOnlyList<ReflectionDraft>> WriteAsync(
        string self, IReadOnlyList<MemoryItem> evidence, IReadOnlyList<RelationshipRecord> relationships, CancellationToken cancellationToken = default)
    {
        if (evidence.Count == 0) return [];
        var involved = evidence.SelectMany(e => e.Peers).ToHashSet(StringComparer.Ordinal);
        var prompt = new StringBuilder();
        var known = relationships.Where(r => involved.Contains(r.Peer)).ToList();
        if (known.Count > 0)
        {
            prompt.AppendLine("Your relationships:");
            foreach (var r in known) prompt.AppendLine(MemoryPromptFormat.RelationshipLine(r));
        }
        prompt.AppendLine("Your recent memories:");
        foreach (var item in evidence) prompt.AppendLine(MemoryPromptFormat.EvidenceLine(item));

        string? answer;
        try
        {
            var response = await client.GetResponseAsync(
                [new ChatMessage(ChatRole.System, SystemPrompt(self)), new ChatMessage(ChatRole.User, prompt.ToString())],
                options?.Clone() ?? new ChatOptions { Temperature = 0 }, cancellationToken);
            answer = response.Text;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            answer = null;
        }

        return Parse(answer, [.. evidence.Select(e => e.Id)]);
    }

    /// <summary>The usable reflections in an answer: non-empty text citing at least one offered id.</summary>
    public static IReadOnlyList<ReflectionDraft> Parse(string? answer, IReadOnlyCollection<int> offered)
    {
        if (LenientJson.Object(answer) is not { } root || LenientJson.Property(root, "reflections") is not { ValueKind: JsonValueKind.Array } list) return [];
        var result = new List<ReflectionDraft>();
        foreach (var entry in list.EnumerateArray())
        {
            var text = LenientJson.Property(entry, "text") is { ValueKind: JsonValueKind.String } t ? t.GetString()?.Trim() : null;
            var ids = LenientJson.Property(entry, "evidence") is { ValueKind: JsonValueKind.Array } e
                ? e.EnumerateArray().Select(LenientJson.Int).OfType<int>().Where(offered.Contains).Distinct().Order().ToArray()
                : [];
            if (!string.IsNullOrEmpty(text) && ids.Length > 0) result.Add(new ReflectionDraft(text, ids));
        }
        return result;
    }
}
