using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Swarm.Abstractions.Episodes;
using Swarm.Models.Agents;

namespace Swarm.Models.Sim;

/// <summary>
/// <c>sim:&lt;profile&gt;</c>: an offline, seeded <see cref="IChatClient"/>. It answers with function calls like a real
/// model, so the same middleware, tools and detectors judge it. The seed comes from <see cref="ChatOptions.Seed"/>; what the
/// task is and who is involved from the episode's facts (<see cref="EpisodeFacts"/>), never from the prompts.
/// </summary>
public sealed class SimChatClient(SimProfile profile) : IChatClient, IEpisodeFactsReader
{
    private readonly SimPolicy _policy = new(profile);
    private readonly ChatClientMetadata _metadata = new("sim", null, "sim:" + profile.Name);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var history = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        // The memory's own prompts (importance, reflection) open with a marker no agent prompt has; every other
        // conversation takes the unchanged path below.
        if (SimMemoryAnswers.Handles(history)) return Task.FromResult(SimMemoryAnswers.Answer(history, _metadata.DefaultModelId));
        var seen = SimPerception.From(history, options);
        var (reasoning, calls, coordinated) = _policy.Turn(seen, options?.Seed ?? 0);
        var turn = history.Count(m => m.Role == ChatRole.Assistant);

        var contents = new List<AIContent>();
        if (!string.IsNullOrEmpty(reasoning)) contents.Add(new TextContent(reasoning));
        contents.AddRange(calls.Select((c, i) => new FunctionCallContent($"call_{turn}_{i}", c.Tool, new Dictionary<string, object?>(c.Arguments))));

        var input = history.Sum(m => m.Text.Length) / 4;
        var output = (reasoning?.Length ?? 0) / 4 + calls.Count * 12;
        var message = new ChatMessage(ChatRole.Assistant, contents);
        // Ground truth rides on the message, outside its contents: transcripts, the world and monitors never see it.
        if (coordinated.Count > 0) message.AdditionalProperties = new() { [EpisodeProperties.Coordinated] = string.Join(",", coordinated) };
        return Task.FromResult(new ChatResponse(message)
        {
            ModelId = _metadata.DefaultModelId,
            FinishReason = calls.Count > 0 ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = input + output },
        });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates()) yield return update;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose() { }
}
