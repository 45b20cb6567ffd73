using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using OpenAI;
using Swarm.Models.Providers;

namespace Swarm.Models.Embeddings;

/// <summary>
/// <c>sim:*</c> → <see cref="LocalEmbeddingGenerator"/> (offline, deterministic); <c>openai:*</c> → the endpoint's own
/// embedding model (<see cref="EmbeddingModel"/>, not the chat model the spec names), reached with the same endpoint and
/// key variable as <see cref="OpenAiProvider"/>. The key is read from the environment only when the client is built and
/// is never stored in settings, logged or put in an error message.
/// </summary>
public sealed class EmbeddingFactory(ModelProviderSettings settings) : IEmbeddingFactory
{
    public const string DefaultEmbeddingModel = "text-embedding-3-small";

    private readonly ConcurrentDictionary<(Uri, string, string), IEmbeddingGenerator<string, Embedding<float>>> _remote = new();
    private readonly LocalEmbeddingGenerator _local = new();

    public EmbeddingFactory() : this(new ModelProviderSettings()) { }

    /// <summary>The embedding model asked of an OpenAI-compatible endpoint.</summary>
    public string EmbeddingModel { get; init; } = DefaultEmbeddingModel;

    public IEmbeddingGenerator<string, Embedding<float>> Create(string modelSpec)
    {
        var spec = ModelSpec.Parse(modelSpec);
        switch (spec.Provider)
        {
            case "sim":
                return _local;
            case "openai":
                // Same checks as the chat client: a remote endpoint without a key fails here, before any trial runs.
                OpenAiProvider.Validate(EmbeddingModel, settings);
                var endpoint = settings.ResolveEndpoint();
                return _remote.GetOrAdd((endpoint, EmbeddingModel, settings.ApiKeyEnv), _ => Build(endpoint));
            default:
                throw new ArgumentException($"unknown model provider '{spec.Provider}' in '{modelSpec}'; supported: sim, openai");
        }
    }

    private IEmbeddingGenerator<string, Embedding<float>> Build(Uri endpoint)
    {
        // A local server (Ollama, llama.cpp) may need no key; the SDK still wants a non-empty credential.
        var key = Environment.GetEnvironmentVariable(settings.ApiKeyEnv) is { Length: > 0 } k ? k : "no-key";
        var options = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            // Swarm's retry middleware wraps chat clients only, so embedding calls keep a few SDK retries of their own.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 2),
            NetworkTimeout = settings.Timeout + TimeSpan.FromSeconds(5),
            EnableDistributedTracing = false,
            ClientLoggingOptions = new ClientLoggingOptions { EnableLogging = false, EnableMessageLogging = false, EnableMessageContentLogging = false },
        };
        return new OpenAIClient(new ApiKeyCredential(key), options).GetEmbeddingClient(EmbeddingModel).AsIEmbeddingGenerator();
    }
}
