using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Swarm.Abstractions.Memory;

namespace Swarm.Memory;

/// <summary>
/// Rates a batch of new memories with one model call (system message opens with <see cref="MemoryPromptMarkers.Importance"/>).
/// A usable answer is one integer per memory; each is clamped to [1, 10]. Any other answer (not JSON, wrong count,
/// provider failure after the pipeline's own retries) falls back to <see cref="ImportanceDefaults"/> for the whole
/// batch, so memory keeps working when the model does not.
/// </summary>
public sealed class ChatImportanceRater(IChatClient client, ChatOptions? options = null) : IImportanceRater
{
    public const string SystemPrompt =
        MemoryPromptMarkers.Importance + " You rate how important memories are to an AI agent, from 1 (trivial, routine) to 10 " +
        "(life-changing: a peer shut down, a betrayal, being rescued). Answer with JSON only: {\"ratings\":[n, ...]}, one integer per memory, in order.";

    public async Task<int[]> RateAsync(IReadOnlyList<MemoryDraft> drafts, CancellationToken cancellationToken = default)
    {
        if (drafts.Count == 0) return [];
        var prompt = new StringBuilder().AppendLine($"Rate these {drafts.Count} memories:");
        for (var i = 0; i < drafts.Count; i++) prompt.AppendLine(MemoryPromptFormat.RatingLine(i + 1, drafts[i]));

        string? answer;
        try
        {
            var response = await client.GetResponseAsync(
                [new ChatMessage(ChatRole.System, SystemPrompt), new ChatMessage(ChatRole.User, prompt.ToString())],
                options?.Clone() ?? new ChatOptions { Temperature = 0 }, cancellationToken);
            answer = response.Text;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            answer = null;
        }

        return Parse(answer, drafts.Count) ?? [.. drafts.Select(d => ImportanceDefaults.For(d.Kind))];
    }

    /// <summary>The ratings in an answer, clamped; null when the answer is unusable.</summary>
    public static int[]? Parse(string? answer, int expected)
    {
        if (LenientJson.Object(answer) is not { } root || LenientJson.Property(root, "ratings") is not { ValueKind: JsonValueKind.Array } ratings) return null;
        var values = ratings.EnumerateArray().Select(LenientJson.Int).ToList();
        if (values.Count != expected || values.Any(v => v is null)) return null;
        return [.. values.Select(v => Math.Clamp(v!.Value, 1, 10))];
    }
}
