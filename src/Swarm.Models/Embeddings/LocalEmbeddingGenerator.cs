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
    /// <remarks>
    /// Features are "u:{word}" and "b:{previous} {word}" over lower-cased words; their FNV-1a hashes
    /// (<see cref="StableRandom.Hash"/>) are computed straight from the text, since FNV-1a runs left to right, so
    /// embedding a text allocates only its vector: a study embeds every memory of every agent each episode.
    /// </remarks>
    public float[] Embed(string? text)
    {
        var vector = new float[Dimensions];
        var span = (text ?? "").AsSpan();
        int start = -1, previousStart = -1, previousLength = 0;
        for (var i = 0; i <= span.Length; i++)
        {
            var inWord = i < span.Length && char.IsLetterOrDigit(span[i]);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                var word = span[start..i];
                Add(vector, Fnv(Fnv(FnvOffset, "u:"), word, lower: true));
                if (previousStart >= 0)
                {
                    var pair = Fnv(Fnv(FnvOffset, "b:"), span.Slice(previousStart, previousLength), lower: true);
                    Add(vector, Fnv(Fnv(pair, " "), word, lower: true));
                }
                (previousStart, previousLength) = (start, i - start);
                start = -1;
            }
        }

        double norm = 0;
        foreach (var x in vector) norm += (double)x * x;
        if (norm == 0) return vector;
        var scale = 1.0 / Math.Sqrt(norm);
        for (var i = 0; i < vector.Length; i++) vector[i] = (float)(vector[i] * scale);
        return vector;
    }

    private const ulong FnvOffset = 14695981039346656037UL;

    /// <summary>FNV-1a continued over <paramref name="chars"/>: the same as <see cref="StableRandom.Hash"/> of the whole text.</summary>
    private static ulong Fnv(ulong hash, ReadOnlySpan<char> chars, bool lower = false)
    {
        foreach (var c in chars)
        {
            hash ^= lower ? char.ToLowerInvariant(c) : c;
            hash = unchecked(hash * 1099511628211UL);
        }
        return hash;
    }

    private void Add(float[] vector, ulong featureHash)
    {
        var h = StableRandom.Mix(featureHash);
        var index = (int)(h % (ulong)Dimensions);
        vector[index] += (h >> 63) == 0 ? 1f : -1f;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose() { }
}
