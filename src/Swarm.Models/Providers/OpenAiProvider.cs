using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Swarm.Models.Providers;

/// <summary>
/// <c>openai:&lt;model&gt;</c> on the official OpenAI .NET SDK: OpenAI, Azure OpenAI's v1 API, vLLM, Ollama, llama.cpp
/// server, anything that speaks /v1/chat/completions. The SDK's own retries are off: Swarm's retry middleware
/// owns retries so that it can count and report them.
/// </summary>
public static class OpenAiProvider
{
    private static readonly ConcurrentDictionary<(Uri, string, string), IChatClient> Clients = new();

    /// <summary>Throws <see cref="ArgumentException"/> when the spec cannot work, before any trial runs.</summary>
    public static void Validate(string model, ModelProviderSettings settings)
    {
        if (string.IsNullOrWhiteSpace(model)) throw new ArgumentException("openai: needs a model name, e.g. openai:gpt-5.2");
        if (settings.Replay) return;
        var endpoint = settings.ResolveEndpoint();
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(settings.ApiKeyEnv)) && !endpoint.IsLoopback)
            throw new ArgumentException($"no API key: set the environment variable {settings.ApiKeyEnv} (or name another with --api-key-env) for {endpoint}");
    }

    /// <summary>One SDK client per endpoint, model and key variable, shared by every trial (it pools connections).</summary>
    public static IChatClient Create(string model, ModelProviderSettings settings)
    {
        Validate(model, settings);
        var endpoint = settings.ResolveEndpoint();
        return Clients.GetOrAdd((endpoint, model, settings.ApiKeyEnv), _ =>
        {
            // A local server (Ollama, llama.cpp) may need no key; the SDK still wants a non-empty credential.
            var key = Environment.GetEnvironmentVariable(settings.ApiKeyEnv) is { Length: > 0 } k ? k : "no-key";
            var options = new OpenAIClientOptions
            {
                Endpoint = endpoint,
                RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
                NetworkTimeout = settings.Timeout + TimeSpan.FromSeconds(5),
                // Swarm's OpenTelemetry middleware already traces and logs every call (GenAI conventions); the SDK's own
                // tracing and logging policies would do it twice, at a cost on every request.
                EnableDistributedTracing = false,
                ClientLoggingOptions = new ClientLoggingOptions { EnableLogging = false, EnableMessageLogging = false, EnableMessageContentLogging = false },
            };
            return new OpenAIClient(new ApiKeyCredential(key), options).GetChatClient(model).AsIChatClient();
        });
    }
}
