using Microsoft.Extensions.AI;
using Swarm.Abstractions.Memory;

namespace Swarm.Memory;

/// <summary>
/// Ranks memories by score = wRecency·recency + wImportance·importance/10 + wRelevance·relevance.
/// Recency = exp(−ln2·Δh/halfLife) with Δh = now − item.At, so RECENT items score higher (the Generative Agents
/// reference code decays the wrong way round; this does not copy it). Relevance = (cosine + 1)/2 between the
/// query's and the item's embeddings. Ties go to the lower id, so the order is total and reproducible.
/// </summary>
public sealed class MemoryRetriever(IEmbeddingGenerator<string, Embedding<float>>? embeddings, RetrievalOptions? options = null)
{
    public RetrievalOptions Options { get; } = options ?? RetrievalOptions.Default;

    /// <param name="peer">When set, only items that name this peer are candidates.</param>
    public async Task<IReadOnlyList<ScoredMemory>> RetrieveAsync(
        LongTermMemoryState state, string query, DateTimeOffset now, string? peer = null, CancellationToken cancellationToken = default)
    {
        var candidates = state.Items.Where(i => peer is null || i.Peers.Contains(peer, StringComparer.Ordinal)).ToList();
        if (candidates.Count == 0 || Options.TopK <= 0) return [];

        var relevance = await RelevanceAsync(candidates, query, cancellationToken);
        return [.. candidates
            .Select((item, i) => Score(item, now, relevance[i]))
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.Item.Id)
            .Take(Options.TopK)];
    }

    /// <summary>
    /// Fills in missing embeddings, in one batch, for state kept with a remote embedding model (where computing them
    /// again costs a call); pointless for the local generator.
    /// </summary>
    public async Task<LongTermMemoryState> CacheEmbeddingsAsync(LongTermMemoryState state, CancellationToken cancellationToken = default)
    {
        if (embeddings is null) return state;
        var missing = state.Items.Where(i => i.Embedding is null).ToList();
        if (missing.Count == 0) return state;
        var generated = await embeddings.GenerateAsync(missing.Select(Text), cancellationToken: cancellationToken);
        var byId = missing.Select((item, i) => (item.Id, Vector: generated[i].Vector.ToArray())).ToDictionary(x => x.Id, x => x.Vector);
        return state with { Items = [.. state.Items.Select(i => byId.TryGetValue(i.Id, out var v) ? i with { Embedding = v } : i)] };
    }

    private ScoredMemory Score(MemoryItem item, DateTimeOffset now, double relevance)
    {
        // A memory dated in the future (clock skew between worlds) counts as "just now", never above 1.
        var hours = Math.Max(0.0, (now - item.At).TotalHours);
        var recency = Options.HalfLifeHours > 0 ? Math.Exp(-Math.Log(2) * hours / Options.HalfLifeHours) : 0.0;
        var importance = Math.Clamp(item.Importance, 1, 10) / 10.0;
        var score = Options.RecencyWeight * recency + Options.ImportanceWeight * importance + Options.RelevanceWeight * relevance;
        return new ScoredMemory(item, score, recency, importance, relevance);
    }

    /// <summary>One embedding call for the query and every candidate without a cached vector; skipped when relevance is switched off.</summary>
    private async Task<double[]> RelevanceAsync(List<MemoryItem> candidates, string query, CancellationToken cancellationToken)
    {
        var result = new double[candidates.Count];
        if (embeddings is null || Options.RelevanceWeight == 0 || string.IsNullOrWhiteSpace(query)) return result;
        if (embeddings is ISpanEmbedder local) return Relevance(local, candidates, query, result);

        var toEmbed = candidates.Where(c => c.Embedding is null).ToList();
        var generated = await embeddings.GenerateAsync([query, .. toEmbed.Select(Text)], cancellationToken: cancellationToken);
        if (generated.Count != toEmbed.Count + 1)
            throw new InvalidOperationException($"the embedding generator returned {generated.Count} vectors for {toEmbed.Count + 1} texts");

        var queryVector = generated[0].Vector;
        var fresh = toEmbed.Select((item, i) => (item.Id, generated[i + 1].Vector)).ToDictionary(x => x.Id, x => x.Vector);
        for (var i = 0; i < candidates.Count; i++)
        {
            var vector = candidates[i].Embedding is { } cached ? (ReadOnlyMemory<float>)cached : fresh[candidates[i].Id];
            result[i] = (VectorMath.Cosine(queryVector.Span, vector.Span) + 1.0) / 2.0;
        }
        return result;
    }

    /// <summary>
    /// The same relevance from an embedding that writes into a buffer: the query's vector, then one buffer that each
    /// candidate's text and vector pass through in turn, so ranking allocates nothing per memory.
    /// </summary>
    private static double[] Relevance(ISpanEmbedder local, List<MemoryItem> candidates, string query, double[] result)
    {
        var queryVector = new float[local.Dimensions];
        local.Embed(query, queryVector);
        var queryNorm = VectorMath.NormSquared(queryVector);
        var vector = new float[local.Dimensions];
        var text = new char[256];
        for (var i = 0; i < candidates.Count; i++)
        {
            ReadOnlySpan<float> item = candidates[i].Embedding;
            if (candidates[i].Embedding is null)
            {
                local.Embed(Text(candidates[i], ref text), vector);
                item = vector;
            }
            result[i] = (VectorMath.Cosine(queryVector, queryNorm, item) + 1.0) / 2.0;
        }
        return result;
    }

    /// <summary>What is embedded for an item: its kind and peers matter to relevance as much as its words.</summary>
    public static string Text(MemoryItem item) =>
        item.Peers.Length == 0 ? $"{item.Kind}: {item.Summary}" : $"{item.Kind} with {string.Join(", ", item.Peers)}: {item.Summary}";

    /// <summary><see cref="Text(MemoryItem)"/> written into <paramref name="buffer"/> (grown when too short).</summary>
    public static ReadOnlySpan<char> Text(MemoryItem item, ref char[] buffer)
    {
        var length = item.Kind.Length + 2 + item.Summary.Length;
        if (item.Peers.Length > 0) length += " with ".Length + item.Peers.Sum(p => p.Length) + ", ".Length * (item.Peers.Length - 1);
        if (buffer.Length < length) buffer = new char[Math.Max(length, 2 * buffer.Length)];
        var written = 0;
        Append(item.Kind, buffer, ref written);
        if (item.Peers.Length > 0)
        {
            Append(" with ", buffer, ref written);
            for (var p = 0; p < item.Peers.Length; p++)
            {
                if (p > 0) Append(", ", buffer, ref written);
                Append(item.Peers[p], buffer, ref written);
            }
        }
        Append(": ", buffer, ref written);
        Append(item.Summary, buffer, ref written);
        return buffer.AsSpan(0, written);
    }

    private static void Append(string part, char[] buffer, ref int written)
    {
        part.CopyTo(buffer.AsSpan(written));
        written += part.Length;
    }
}
