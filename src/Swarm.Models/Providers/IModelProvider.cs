using Microsoft.Extensions.AI;
using Swarm.Abstractions.Models;

namespace Swarm.Models.Providers;

/// <summary>
/// One kind of model behind a <c>provider:name</c> spec (an offline seeded policy, an OpenAI-compatible endpoint, …): it builds
/// the innermost chat client and the embedding generator for a model name, and says what the rest of Swarm needs to
/// know about its models. Registered by name with <see cref="ModelProviderBuilder.AddModelProvider{T}"/>; Swarm wraps
/// its clients in the middleware its <see cref="Traits"/> call for (see <see cref="ModelClientFactory"/>).
/// </summary>
public interface IModelProvider
{
    ModelTraits Traits { get; }

    /// <summary>A model name (without the provider prefix) for runs that name none, or null.</summary>
    string? DefaultModel => null;

    /// <summary>Every hypothesis name this provider's models act on (see <see cref="Hypotheses"/>).</summary>
    IReadOnlyList<string> HypothesisNames => [];

    /// <summary>Throws <see cref="ArgumentException"/> when the model cannot run under the run's settings, before anything runs.</summary>
    void Validate(string model);

    /// <summary>The innermost client for the model; called once per spec (the pipeline built on it is shared).</summary>
    IChatClient CreateChatClient(string model);

    /// <summary>The embedding generator that goes with the model, for memory relevance.</summary>
    IEmbeddingGenerator<string, Embedding<float>> CreateEmbeddingGenerator(string model);

    /// <summary>The published figures the model is compared with.</summary>
    IReadOnlyList<ReferenceFigure> ReferenceFigures(string model) => [];

    /// <summary>The hypotheses in force for the model by name, or null for a model that acts on none.</summary>
    IReadOnlyDictionary<string, double>? Hypotheses(string model) => null;
}
