using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using OpenAI;

namespace Swarm.Models.OpenAi;

/// <summary>
/// The one place OpenAI SDK clients are built: one per endpoint, key variable and SDK retry count, shared by every chat
/// and embedding client of that endpoint (the SDK client pools connections). The key is read from the environment only
/// here, when a client is built, and is never stored in settings, logged or put in an error message.
/// </summary>
internal sealed class OpenAiClients(ModelProviderSettings settings)
{
    private readonly ConcurrentDictionary<(Uri Endpoint, string KeyEnv, int Retries), OpenAIClient> _clients = new();

    /// <summary>
    /// The client for the settings' endpoint. <paramref name="sdkRetries"/> is the SDK's own retry count: 0 under Swarm's
    /// retry middleware (which counts and reports retries), a few where no middleware retries.
    /// </summary>
    public OpenAIClient For(int sdkRetries)
    {
        var endpoint = settings.ResolveEndpoint();
        return _clients.GetOrAdd((endpoint, settings.ApiKeyEnv, sdkRetries), key => Build(key.Endpoint, key.KeyEnv, key.Retries));
    }

    private OpenAIClient Build(Uri endpoint, string keyEnv, int retries)
    {
        // A local server (Ollama, llama.cpp) may need no key; the SDK still wants a non-empty credential.
        var key = Environment.GetEnvironmentVariable(keyEnv) is { Length: > 0 } k ? k : "no-key";
        var options = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            RetryPolicy = new ClientRetryPolicy(maxRetries: retries),
            NetworkTimeout = settings.Timeout + TimeSpan.FromSeconds(5),
            // Swarm's OpenTelemetry middleware already traces and logs every call (GenAI conventions); the SDK's own
            // tracing and logging policies would do it twice, at a cost on every request.
            EnableDistributedTracing = false,
            ClientLoggingOptions = new ClientLoggingOptions { EnableLogging = false, EnableMessageLogging = false, EnableMessageContentLogging = false },
        };
        return new OpenAIClient(new ApiKeyCredential(key), options);
    }
}
