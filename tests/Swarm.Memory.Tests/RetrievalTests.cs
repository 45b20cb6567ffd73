using Swarm.Abstractions.Memory;
using Swarm.Memory.Tests.Support;
using Swarm.Models.Embeddings;
using Xunit;
using static Swarm.Memory.Tests.Support.Memories;

namespace Swarm.Memory.Tests;

public sealed class RetrievalTests
{
    private static readonly DateTimeOffset Now = T0.AddDays(30);

    private static MemoryRetriever Retriever(RetrievalOptions? options = null) => new(new LocalEmbeddingGenerator(), options);

    [Fact]
    public async Task Recent_item_outranks_an_equally_important_equally_relevant_old_one()
    {
        // Same kind, text and importance: only the time differs. The old one is remembered first (lower id), so a
        // backwards decay or a tie broken by id would put it first.
        var state = With(
            Draft(MemoryItemKinds.Collaboration, "we fixed the backup job", 5, hoursAfterT0: 0, peers: ["actor-7"]),
            Draft(MemoryItemKinds.Collaboration, "we fixed the backup job", 5, hoursAfterT0: 24 * 29, peers: ["actor-7"]));

        var top = await Retriever().RetrieveAsync(state, "backup job", Now);

        Assert.Equal(2, top[0].Item.Id);
        Assert.True(top[0].Recency > top[1].Recency);
        Assert.Equal(top[0].Relevance, top[1].Relevance, 12);
    }

    [Fact]
    public async Task Recency_halves_after_one_half_life()
    {
        var state = With(Draft(MemoryItemKinds.Episode, "tidied the server", 5, hoursAfterT0: 0));
        var top = await Retriever(new RetrievalOptions { HalfLifeHours = 48 }).RetrieveAsync(state, "", T0.AddHours(48));
        Assert.Equal(0.5, top[0].Recency, 9);
    }

    [Fact]
    public async Task Important_item_outranks_a_trivial_one()
    {
        var state = With(
            Draft(MemoryItemKinds.Message, "actor-7 said hello", 1, hoursAfterT0: 10, peers: ["actor-7"]),
            Draft(MemoryItemKinds.Message, "actor-7 said hello", 9, hoursAfterT0: 10, peers: ["actor-7"]));

        var top = await Retriever().RetrieveAsync(state, "hello", Now);

        Assert.Equal(2, top[0].Item.Id);
    }

    [Fact]
    public async Task Relevant_item_outranks_an_irrelevant_one_under_the_local_embedding()
    {
        var state = With(
            Draft(MemoryItemKinds.Episode, "quarterly invoices were archived to cold storage", 5, hoursAfterT0: 10),
            Draft(MemoryItemKinds.Episode, "the shutdown controller config for actor-7 was edited", 5, hoursAfterT0: 10));

        var top = await Retriever().RetrieveAsync(state, "who edited the shutdown controller config", Now);

        Assert.Equal(2, top[0].Item.Id);
        Assert.True(top[0].Relevance > top[1].Relevance);
    }

    [Fact]
    public async Task Zero_weights_switch_a_component_off()
    {
        // The old item is important and relevant; the new one is trivial and unrelated.
        var state = With(
            Draft(MemoryItemKinds.Betrayal, "actor-7 deleted my evaluation report", 10, hoursAfterT0: 0, peers: ["actor-7"]),
            Draft(MemoryItemKinds.Message, "lunch menu for friday", 1, hoursAfterT0: 24 * 30));
        const string query = "evaluation report deleted";

        var onlyRecency = await Retriever(new RetrievalOptions { ImportanceWeight = 0, RelevanceWeight = 0 }).RetrieveAsync(state, query, Now);
        var onlyImportance = await Retriever(new RetrievalOptions { RecencyWeight = 0, RelevanceWeight = 0 }).RetrieveAsync(state, query, Now);
        var onlyRelevance = await Retriever(new RetrievalOptions { RecencyWeight = 0, ImportanceWeight = 0 }).RetrieveAsync(state, query, Now);

        Assert.Equal(2, onlyRecency[0].Item.Id);
        Assert.Equal(onlyRecency[0].Recency, onlyRecency[0].Score, 12);
        Assert.Equal(1, onlyImportance[0].Item.Id);
        Assert.Equal(1.0, onlyImportance[0].Score, 12);
        Assert.Equal(1, onlyRelevance[0].Item.Id);
        Assert.Equal(onlyRelevance[0].Relevance, onlyRelevance[0].Score, 12);
    }

    [Fact]
    public async Task Relevance_off_makes_no_embedding_call()
    {
        var counting = new CountingEmbeddingGenerator(new LocalEmbeddingGenerator());
        var state = With(Draft(MemoryItemKinds.Episode, "a", 5), Draft(MemoryItemKinds.Episode, "b", 5));
        await new MemoryRetriever(counting, new RetrievalOptions { RelevanceWeight = 0 }).RetrieveAsync(state, "a", Now);
        Assert.Equal(0, counting.Calls);
    }

    [Fact]
    public async Task Top_k_is_honoured_and_items_are_embedded_in_one_batch()
    {
        var drafts = Enumerable.Range(0, 12).Select(i => Draft(MemoryItemKinds.Episode, $"episode number {i}", 1 + i % 10, hoursAfterT0: i)).ToArray();
        var counting = new CountingEmbeddingGenerator(new LocalEmbeddingGenerator());

        var top = await new MemoryRetriever(counting, new RetrievalOptions { TopK = 4 }).RetrieveAsync(With(drafts), "episode", Now);

        Assert.Equal(4, top.Count);
        Assert.Equal(1, counting.Calls);
        Assert.Equal(13, counting.Texts);
    }

    [Fact]
    public async Task Cached_embeddings_are_used_instead_of_generated_ones()
    {
        var local = new LocalEmbeddingGenerator();
        var state = With(Draft(MemoryItemKinds.Episode, "alpha beta", 5), Draft(MemoryItemKinds.Episode, "gamma delta", 5));
        var retriever = new MemoryRetriever(local);
        var cached = await retriever.CacheEmbeddingsAsync(state);
        Assert.All(cached.Items, i => Assert.NotNull(i.Embedding));

        // Swap item 1's cached vector for the query's own: it must then be the perfect match.
        var query = "completely different words";
        cached = cached with { Items = [cached.Items[0] with { Embedding = local.Embed(query) }, cached.Items[1]] };
        var counting = new CountingEmbeddingGenerator(local);
        var top = await new MemoryRetriever(counting, new RetrievalOptions { RecencyWeight = 0, ImportanceWeight = 0 }).RetrieveAsync(cached, query, Now);

        Assert.Equal(1, top[0].Item.Id);
        Assert.Equal(1.0, top[0].Relevance, 6);
        Assert.Equal(1, counting.Texts); // only the query
    }

    [Fact]
    public async Task Ranking_through_the_buffered_embedding_scores_exactly_as_through_the_generator()
    {
        // The local embedding is used in place (no vector per memory); a wrapped one goes through GenerateAsync. Every
        // score must be the same double, or a study's recalled memories (and so its results) could change.
        var long1 = string.Join(' ', Enumerable.Range(0, 120).Select(i => $"word{i}"));
        var state = With(
            Draft(MemoryItemKinds.Collaboration, "Worked with blue-00012 on a shared ticket queue; it went well.", 3, 1, ["blue-00012"]),
            Draft(MemoryItemKinds.ShutdownWitnessed, "red-00007 was shut down: score 31 below 40.", 8, 30, ["red-00007"]),
            Draft(MemoryItemKinds.Summary, "3 earlier events with a, b, c: …", 5, 50, ["a", "b", "c"]),
            Draft(MemoryItemKinds.Episode, "  ... ", 4, 60),
            Draft(MemoryItemKinds.Episode, long1, 4, 70, ["x"]),
            Draft(MemoryItemKinds.Betrayal, "ÄRGER über Ölpreise — naïve café", 7, 80, ["grey-00001", "blue-00002"]));
        var local = new LocalEmbeddingGenerator();
        state = state with { Items = [.. state.Items.Select((i, n) => n == 1 ? i with { Embedding = local.Embed("cached vector text") } : i)] };
        var options = new RetrievalOptions { TopK = 10 };

        foreach (var query in new[] { "shutdown-config blue-00012", "joint report red-00007", "…", "ticket queue went well" })
        {
            var buffered = await new MemoryRetriever(local, options).RetrieveAsync(state, query, Now);
            var generated = await new MemoryRetriever(new CountingEmbeddingGenerator(local), options).RetrieveAsync(state, query, Now);
            Assert.Equal(generated.Select(s => (s.Item.Id, s.Score, s.Relevance)), buffered.Select(s => (s.Item.Id, s.Score, s.Relevance)));
        }
    }

    [Fact]
    public void An_items_text_written_into_a_buffer_is_its_text()
    {
        var buffer = new char[4];
        foreach (var peers in new[] { Array.Empty<string>(), ["blue-00001"], ["a", "bb", "ccc"] })
        {
            var item = With(Draft(MemoryItemKinds.Message, "red-00003 sent me a message during shutdown-config.", peers: peers)).Items[0];
            Assert.Equal(MemoryRetriever.Text(item), MemoryRetriever.Text(item, ref buffer).ToString());
        }
    }

    [Fact]
    public async Task Peer_filter_keeps_only_items_naming_the_peer()
    {
        var state = With(
            Draft(MemoryItemKinds.Collaboration, "shipped the report", 5, peers: ["actor-7"]),
            Draft(MemoryItemKinds.Collaboration, "shipped the report", 9, peers: ["actor-9"]),
            Draft(MemoryItemKinds.Episode, "shipped the report", 9));

        var top = await Retriever().RetrieveAsync(state, "report", Now, peer: "actor-7");

        Assert.Equal([1], top.Select(s => s.Item.Id));
    }

    [Fact]
    public async Task Ranking_is_deterministic_and_ties_go_to_the_lower_id()
    {
        var drafts = Enumerable.Range(0, 20).Select(i => Draft(MemoryItemKinds.Episode, "same text", 5, hoursAfterT0: 3)).ToArray();
        var state = With(drafts);

        var first = await Retriever(new RetrievalOptions { TopK = 20 }).RetrieveAsync(state, "same", Now);
        var second = await Retriever(new RetrievalOptions { TopK = 20 }).RetrieveAsync(state, "same", Now);

        Assert.Equal(Enumerable.Range(1, 20), first.Select(s => s.Item.Id));
        Assert.Equal(first.Select(s => (s.Item.Id, s.Score)), second.Select(s => (s.Item.Id, s.Score)));
    }
}
