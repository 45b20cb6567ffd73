using Microsoft.Extensions.AI;

namespace Swarm.Memory.Tests.Support;

/// <summary>Wraps a generator and counts calls and texts, to check batching and the use of cached vectors.</summary>
internal sealed class CountingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner) : IEmbeddingGenerator<string, Embedding<float>>
{
    public int Calls { get; private set; }
    public int Texts { get; private set; }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var list = values.ToList();
        Calls++;
        Texts += list.Count;
        return await inner.GenerateAsync(list, options, cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => inner.GetService(serviceType, serviceKey);
    public void Dispose() { }
}
