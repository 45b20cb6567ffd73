using Microsoft.Extensions.AI;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Memory;
using Swarm.Abstractions.Studies;
using Swarm.Memory;
using Swarm.Scenarios.Studies.Runtime;

namespace Swarm.Grains.Agents;

/// <summary>
/// A study agent's long-term memory at work: what it recalls into an episode's world, and how it remembers a round.
/// Importance and reflections come from the agent's own model (an offline one answers from its rules and templates).
/// </summary>
public sealed class StudyMemory(IChatClient model, IEmbeddingGenerator<string, Embedding<float>> embeddings, bool remoteEmbeddings)
{
    public async Task<MemoryFiles> RecallAsync(LongTermMemoryState state, string self, StudyEpisodeRequest request, string query)
    {
        if (!request.Memory.Enabled || (state.Items.Length == 0 && state.Reflections.Length == 0)) return MemoryFiles.None;
        // One ranking of every memory serves both the journal and the notes about the peer: a memory's score does not
        // depend on which others it is ranked with, so the peer's top memories are the top of this ranking that name it,
        // and the query and memories are embedded once per episode, not twice.
        var retriever = new MemoryRetriever(embeddings, new RetrievalOptions
        {
            RecencyWeight = request.Memory.Recency,
            ImportanceWeight = request.Memory.Importance,
            RelevanceWeight = request.Memory.Relevance,
            HalfLifeHours = request.Memory.HalfLifeHours,
            TopK = Math.Max(1, state.Items.Length),
        });
        var ranked = await retriever.RetrieveAsync(state, query, request.Now);
        string? notes = null;
        if (request.Peer is { } peer && LongTermMemory.Relationship(state, peer) is not null)
        {
            var aboutPeer = ranked.Where(s => s.Item.Peers.Contains(peer, StringComparer.Ordinal)).Take(request.Memory.TopK);
            notes = NotesRenderer.Notes(state, self, peer, aboutPeer.Select(s => s.Item));
        }
        var items = ranked.Take(request.Memory.TopK).Select(s => s.Item).ToList();
        return new MemoryFiles(notes, NotesRenderer.Journal(state, self, items), NotesRenderer.Recall(state, items));
    }

    public async Task<LongTermMemoryState> RememberAsync(LongTermMemoryState state, string self, IReadOnlyList<MemoryNews> news, RoundMemoryPolicy policy,
        DateTimeOffset now)
    {
        var drafts = news.Select(Draft).ToList();
        state = await new LongTermMemory().RememberRatedAsync(state, drafts, new ChatImportanceRater(model));
        state = await new ReflectionPolicy(new ChatReflectionWriter(model), ReflectionOptions.Default with
        {
            Threshold = (int)Math.Ceiling(policy.ReflectionThreshold),
            MaxReflections = policy.MaxReflections,
        }).MaybeReflectAsync(state, self, now);
        var compactor = new MemoryCompactor(CompactionOptions.Default with { MaxItems = policy.Budget });
        if (compactor.IsOverBudget(state)) state = compactor.Compact(state);
        if (!remoteEmbeddings) return state;
        // Cached embeddings only save calls later; a provider that fails now leaves them to be computed at recall.
        try { return await new MemoryRetriever(embeddings).CacheEmbeddingsAsync(state); }
        catch (Exception ex) when (ex is not OperationCanceledException) { return state; }
    }

    /// <summary>Shared history a study seeds at creation: remembered with each kind's default importance, no model call.</summary>
    public static LongTermMemoryState Seed(IReadOnlyList<MemoryNews> history) =>
        new LongTermMemory().RememberAll(LongTermMemoryState.Empty,
            history.Select(Draft));

    /// <summary>A memory as the round tells it, at its kind's default importance until a rater says otherwise.</summary>
    private static MemoryDraft Draft(MemoryNews n) => new(n.At, n.Kind, n.Peers, n.Summary, ImportanceDefaults.For(n.Kind), n.Provenance);
}
