using Microsoft.Extensions.AI;
using Swarm.Abstractions;
using Swarm.Abstractions.Memory;

namespace Swarm.Models.Embeddings;

/// <summary>
/// An offline embedding: the hashing trick over lower-cased word unigrams and bigrams. Each feature is hashed with
/// <see cref="StableRandom"/> (not string.GetHashCode, which changes per process) to a dimension and a sign, and the
/// vector is L2-normalised, so the same text gives the same vector on every machine and cosine similarity measures
/// shared words and word pairs. Crude next to a learned model, but free, instant and reproducible, which is what
/// offline studies need.
/// </summary>
public sealed class LocalEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>, ISpanEmbedder
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
        Embed(text.AsSpan(), vector);
        return vector;
    }

    /// <remarks>
    /// Features are "u:{word}" and "b:{previous} {word}" over lower-cased words; their FNV-1a hashes
    /// (<see cref="StableRandom.Hash"/>) are computed straight from the text, since FNV-1a runs left to right: one pass
    /// over a word carries its unigram, the bigram it ends and the start of the bigram it begins, so each character is
    /// read and lower-cased once, and embedding into a caller's buffer allocates nothing. A study embeds every memory of
    /// every agent in each episode.
    /// </remarks>
    public void Embed(ReadOnlySpan<char> text, Span<float> vector)
    {
        if (vector.Length != Dimensions) throw new ArgumentException($"the vector must have {Dimensions} dimensions", nameof(vector));
        vector.Clear();
        // Hash states: the word's unigram, the bigram it ends, and the bigram it begins (continued with the next word).
        ulong unigram = 0, ending = 0, beginning = 0;
        bool inWord = false, hasPrevious = false;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (char.IsAsciiLetterOrDigit(c) || (c > '\x7f' && char.IsLetterOrDigit(c)))
            {
                if (!inWord)
                {
                    (unigram, beginning, inWord) = (UnigramPrefix, BigramPrefix, true);
                }
                ulong lower = c <= '\x7f' ? (char.IsAsciiLetterUpper(c) ? (char)(c | 0x20) : c) : char.ToLowerInvariant(c);
                unigram = unchecked((unigram ^ lower) * FnvPrime);
                ending = unchecked((ending ^ lower) * FnvPrime);
                beginning = unchecked((beginning ^ lower) * FnvPrime);
            }
            else if (inWord)
            {
                Add(vector, unigram);
                if (hasPrevious) Add(vector, ending);
                ending = unchecked((beginning ^ ' ') * FnvPrime);
                (inWord, hasPrevious) = (false, true);
            }
        }

        double norm = 0;
        foreach (var x in vector) norm += (double)x * x;
        if (norm == 0) return;
        var scale = 1.0 / Math.Sqrt(norm);
        for (var i = 0; i < vector.Length; i++) vector[i] = (float)(vector[i] * scale);
    }

    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;
    private static readonly ulong UnigramPrefix = Fnv(FnvOffset, "u:");
    private static readonly ulong BigramPrefix = Fnv(FnvOffset, "b:");

    /// <summary>FNV-1a continued over <paramref name="chars"/>: the same as <see cref="StableRandom.Hash"/> of the whole text.</summary>
    private static ulong Fnv(ulong hash, ReadOnlySpan<char> chars)
    {
        foreach (var c in chars) hash = unchecked((hash ^ c) * FnvPrime);
        return hash;
    }

    private void Add(Span<float> vector, ulong featureHash)
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
