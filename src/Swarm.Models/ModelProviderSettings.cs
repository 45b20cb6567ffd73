namespace Swarm.Models;

/// <summary>
/// How real providers are reached for one run. Holds the <em>name</em> of the environment variable with the API key,
/// never the key itself, so settings can be logged, stored and passed around safely.
/// </summary>
public sealed record ModelProviderSettings
{
    public const string DefaultApiKeyEnv = "OPENAI_API_KEY";
    public const string BaseUrlEnv = "OPENAI_BASE_URL";
    public const string DefaultEmbeddingModel = "text-embedding-3-small";

    /// <summary>OpenAI-compatible base URL (…/v1); null means OPENAI_BASE_URL, then the OpenAI API.</summary>
    public Uri? Endpoint { get; init; }
    public string ApiKeyEnv { get; init; } = DefaultApiKeyEnv;

    /// <summary>Per-attempt limit; a slower answer counts as a transient failure and is retried.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);
    public int MaxAttempts { get; init; } = 6;

    /// <summary>
    /// How long a call may go on retrying, from its first failure: no retry starts whose wait would end past it. A
    /// provider that keeps answering 429 with long Retry-After waits is bounded by this rather than by the count.
    /// </summary>
    public TimeSpan RetryBudget { get; init; } = TimeSpan.FromMinutes(10);
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Requests in flight per endpoint at most: across all trials of the process, or of the whole cluster when the
    /// silo is clustered. 429s lower the limit for a while; successes raise it back.
    /// </summary>
    public int EndpointConcurrency { get; init; } = 8;

    /// <summary>Folder for the response cache; with <see cref="Replay"/>, answers come only from it.</summary>
    public string? CacheDirectory { get; init; }
    public bool Replay { get; init; }

    /// <summary>Use the streaming API for agent turns (the transcript is the same either way).</summary>
    public bool Streaming { get; init; }

    public ModelOptionsCatalog Options { get; init; } = ModelOptionsCatalog.Empty;

    /// <summary>The embedding model asked of an OpenAI-compatible endpoint for memory relevance.</summary>
    public string EmbeddingModel { get; init; } = DefaultEmbeddingModel;

    /// <summary>The model for runs and factions that name none; null takes the first registered provider's default.</summary>
    public string? DefaultModel { get; init; }

    public Uri ResolveEndpoint() =>
        Endpoint ?? (Environment.GetEnvironmentVariable(BaseUrlEnv) is { Length: > 0 } fromEnv ? new Uri(fromEnv) : new Uri("https://api.openai.com/v1"));
}
