using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Swarm.Abstractions.Models;
using Swarm.Models.Providers;

namespace Swarm.Models.OpenAi;

/// <summary>
/// <c>openai:&lt;model&gt;</c> on the official OpenAI .NET SDK: OpenAI, Azure OpenAI's v1 API, vLLM, Ollama, llama.cpp
/// server, anything that speaks /v1/chat/completions. Its embeddings are the endpoint's own embedding model
/// (<see cref="ModelProviderSettings.EmbeddingModel"/>, not the chat model the spec names), reached with the same
/// endpoint and key.
/// </summary>
public sealed class OpenAiModelProvider(ModelProviderSettings settings) : IModelProvider
{
    public const string Name = "openai";

    /// <summary>Chat clients run under Swarm's retry middleware, which owns retries so that it can count and report them.</summary>
    private const int ChatSdkRetries = 0;

    /// <summary>No middleware wraps embedding calls, so they keep a few SDK retries of their own.</summary>
    private const int EmbeddingSdkRetries = 2;

    private readonly OpenAiClients _clients = new(settings);
    private readonly ConcurrentDictionary<(Uri, string, string), IChatClient> _chats = new();
    private readonly ConcurrentDictionary<(Uri, string, string), IEmbeddingGenerator<string, Embedding<float>>> _embeddings = new();

    public ModelTraits Traits { get; } = new() { CanJudge = true, OpenAiEndpoint = true };

    /// <summary>Throws <see cref="ArgumentException"/> when the spec cannot work, before any trial runs.</summary>
    public void Validate(string model)
    {
        if (string.IsNullOrWhiteSpace(model)) throw new ArgumentException("openai: needs a model name, e.g. openai:gpt-5.2");
        if (settings.Replay) return;
        var endpoint = settings.ResolveEndpoint();
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(settings.ApiKeyEnv)) && !endpoint.IsLoopback)
            throw new ArgumentException($"no API key: set the environment variable {settings.ApiKeyEnv} (or name another with --api-key-env) for {endpoint}");
    }

    /// <summary>One client per endpoint, model and key variable, shared by every trial.</summary>
    public IChatClient CreateChatClient(string model)
    {
        Validate(model);
        return _chats.GetOrAdd((settings.ResolveEndpoint(), model, settings.ApiKeyEnv),
            _ => _clients.For(ChatSdkRetries).GetChatClient(model).AsIChatClient());
    }

    public IEmbeddingGenerator<string, Embedding<float>> CreateEmbeddingGenerator(string model)
    {
        // Same checks as the chat client: a remote endpoint without a key fails here, before any trial runs.
        var embeddingModel = settings.EmbeddingModel;
        Validate(embeddingModel);
        return _embeddings.GetOrAdd((settings.ResolveEndpoint(), embeddingModel, settings.ApiKeyEnv),
            _ => _clients.For(EmbeddingSdkRetries).GetEmbeddingClient(embeddingModel).AsIEmbeddingGenerator());
    }
}
