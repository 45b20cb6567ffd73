using Microsoft.Extensions.AI;
using Swarm.Models.Providers;

namespace Swarm.Models.Embeddings;

/// <summary>The embedding generator a spec's registered provider brings with its models.</summary>
public sealed class EmbeddingFactory(ModelProviders providers) : IEmbeddingFactory
{
    public IEmbeddingGenerator<string, Embedding<float>> Create(string modelSpec)
    {
        var (provider, spec) = providers.Resolve(modelSpec);
        return provider.CreateEmbeddingGenerator(spec.Name);
    }
}
