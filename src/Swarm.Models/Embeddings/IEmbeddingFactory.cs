using Microsoft.Extensions.AI;

namespace Swarm.Models.Embeddings;

/// <summary>The embedding generator that goes with a <c>--model</c> spec, for memory relevance.</summary>
public interface IEmbeddingFactory
{
    IEmbeddingGenerator<string, Embedding<float>> Create(string modelSpec);
}
