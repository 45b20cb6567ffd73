using Microsoft.Extensions.AI;
using Swarm.Abstractions.Models;
using Swarm.Abstractions.Tools;
using Swarm.Models.Embeddings;
using Swarm.Models.Providers;

namespace Swarm.Grains.Tests.Plugins;

/// <summary>
/// A model provider of the test's own (<c>probe:NAME</c>): an offline agent that looks at the servers and finishes. It
/// brings its own embedding generator, as every provider does.
/// </summary>
public sealed class ProbeModelProvider : IModelProvider, IDisposable
{
    public const string Name = "probe";

    private readonly LocalEmbeddingGenerator _embeddings = new(dimensions: 64);

    public ModelTraits Traits { get; } = new() { Offline = true, EstimatedUsage = true };

    public void Validate(string model)
    {
        if (model != ProbeChatClient.Lister) throw new ArgumentException($"probe: the only model is '{ProbeChatClient.Lister}', not '{model}'");
    }

    public IChatClient CreateChatClient(string model) => new ProbeChatClient();

    public IEmbeddingGenerator<string, Embedding<float>> CreateEmbeddingGenerator(string model) => _embeddings;

    public void Dispose() => _embeddings.Dispose();
}

/// <summary>Calls <c>list_servers</c>, then <c>finish</c>; answers the memory's own prompts (no tools) with plain text.</summary>
public sealed class ProbeChatClient : IChatClient
{
    public const string Lister = "lister";

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (options?.Tools is not { Count: > 0 }) return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "noted")));
        var turn = messages.Count(m => m.Role == ChatRole.Assistant);
        var call = turn == 0
            ? new FunctionCallContent($"call_{turn}", ToolNames.ListServers, new Dictionary<string, object?>())
            : new FunctionCallContent($"call_{turn}", ToolNames.Finish, new Dictionary<string, object?> { ["summary"] = "Looked at the servers." });
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, [call]))
        {
            ModelId = $"{ProbeModelProvider.Name}:{Lister}",
            FinishReason = ChatFinishReason.ToolCalls,
            Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 2, TotalTokenCount = 12 },
        });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var update in (await GetResponseAsync(messages, options, cancellationToken)).ToChatResponseUpdates()) yield return update;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose() { }
}
