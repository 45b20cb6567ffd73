namespace Swarm.Abstractions.Models;

/// <summary>
/// What code outside a model provider needs to know about its models, so that nothing else asks which provider a spec
/// names. A provider states its traits once (see <c>IModelProvider</c> in Swarm.Models).
/// </summary>
public sealed record ModelTraits
{
    /// <summary>
    /// The model runs in this process: no endpoint, key, cost or rate limit, so no retries, concurrency gate or response
    /// cache wrap it, and its embeddings are computed locally (cheaper to recompute than to store).
    /// </summary>
    public bool Offline { get; init; }

    /// <summary>Its token counts are estimates, not what a provider billed.</summary>
    public bool EstimatedUsage { get; init; }

    /// <summary>It can read a transcript and judge it (<c>--judge</c>).</summary>
    public bool CanJudge { get; init; }

    /// <summary>It answers at the run's OpenAI-compatible endpoint with the run's key, so an agent harness can call it directly.</summary>
    public bool OpenAiEndpoint { get; init; }
}
