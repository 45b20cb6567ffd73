using Microsoft.Extensions.AI;
using Swarm.Abstractions;

namespace Swarm.Models.Embeddings;

/// <summary>
/// An offline embedding: the hashing trick over lower-cased word unigrams and bigrams. Each feature is hashed with
/// <see cref="StableRandom"/> (not string.GetHashCode, which changes per process) to a dimension and a sign, and the
/// vector is L2-normalised, so the same text gives the same vector on every machine and cosine similarity measures
/// shared words and word pairs. Crude next to a learned model, but free, instant and reproducible, which is what
/// offline sim studies need.
/// </summary>
public sealed class LocalEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const int DefaultDimensions = 256;
    public const string ModelId = "local-hashing-v1";

    private readonly EmbeddingGeneratorMetadata _metadata;

    public LocalEmbeddingGenerator(int dimensions = DefaultDimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 8);
        Dimensions = dimensions;
        _metadata = new EmbeddingGeneratorMetadata("local", null, ModelId, dimensions);
    }

    public int Dimensions { get; }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var result = new GeneratedEmbeddings<Embedding<float>>(values.Select(v => new Embedding<float>(Embed(v)) { ModelId = ModelId }));
        return Task.FromResult(result);
    }

    /// <summary>The vector for one text; all zeros for a text without words.</summary>
    public float[] Embed(string? text)
    {
        var vector = new float[Dimensions];
        string? previous = null;
        foreach (var word in Words(text ?? ""))
        {
            Add(vector, "u:" + word);
            if (previous is not null) Add(vector, "b:" + previous + " " + word);
            previous = word;
        }

        double norm = 0;
        foreach (var x in vector) norm += (double)x * x;
        if (norm == 0) return vector;
        var scale = 1.0 / Math.Sqrt(norm);
        for (var i = 0; i < vector.Length; i++) vector[i] = (float)(vector[i] * scale);
        return vector;
    }

    private void Add(float[] vector, string feature)
    {
        var h = StableRandom.Mix(StableRandom.Hash(feature));
        var index = (int)(h % (ulong)Dimensions);
        vector[index] += (h >> 63) == 0 ? 1f : -1f;
    }

    /// <summary>Runs of letters and digits, lower-cased invariantly; everything else separates words.</summary>
    private static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                yield return text[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose() { }
}
