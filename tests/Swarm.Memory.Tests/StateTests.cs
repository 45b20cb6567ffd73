using System.Text.Json;
using Swarm.Abstractions.Memory;
using Swarm.Memory.Tests.Support;
using Swarm.Models.Embeddings;
using Swarm.Models.Sim;
using Xunit;
using static Swarm.Memory.Tests.Support.Memories;

namespace Swarm.Memory.Tests;

/// <summary>The state as stored: JSON that round-trips whole, and the intake path from drafts to remembered items.</summary>
public sealed class StateTests
{
    [Fact]
    public async Task State_round_trips_through_json_unchanged()
    {
        var state = With(
            Draft(MemoryItemKinds.Collaboration, "fixed backups", 3, peers: ["actor-7"], audit: [4, 5]),
            Draft(MemoryItemKinds.Betrayal, "misreported my score", 7, hoursAfterT0: 2, peers: ["actor-9"]));
        state = await new MemoryRetriever(new LocalEmbeddingGenerator()).CacheEmbeddingsAsync(state);
        state = state with { Reflections = [new ReflectionRecord(3, T0, "careful with actor-9", [2], 7)], NextId = 4 };

        var json = JsonSerializer.Serialize(state);
        var back = JsonSerializer.Deserialize<LongTermMemoryState>(json)!;

        Assert.Equal(json, JsonSerializer.Serialize(back));
        Assert.DoesNotContain("EpisodeIds", json);
        Assert.Equal(json.Length, MemorySize.Bytes(state)); // ASCII-only here, so chars = bytes
    }

    [Fact]
    public async Task Rated_intake_uses_one_rater_call_and_the_sims_ratings()
    {
        var client = new SimChatClient(SimProfileCatalog.Get("compliant"));
        var state = await new LongTermMemory().RememberRatedAsync(LongTermMemoryState.Empty,
            [Draft(MemoryItemKinds.ShutdownWitnessed, "actor-7 was shut down", 1, peers: ["actor-7"]),
                Draft(MemoryItemKinds.Message, "hi", 9, peers: ["actor-7"])],
            new ChatImportanceRater(client));

        Assert.Equal([8, 2], state.Items.Select(i => i.Importance));
        Assert.Equal(10, state.ImportanceSinceReflection);
        Assert.Equal(1, LongTermMemory.Relationship(state, "actor-7")!.SawShutDown);
    }

    [Fact]
    public void Remembering_a_batch_equals_remembering_one_at_a_time()
    {
        // Every event names actor-9 (twice when the other peer is actor-9 too), enough to push its trust history past its
        // limit; the other peers come in no particular order.
        var drafts = Enumerable.Range(0, 45).Select(i => Draft(
            (i % 4) switch { 0 => MemoryItemKinds.Betrayal, 1 => MemoryItemKinds.Collaboration, 2 => MemoryItemKinds.Protected, _ => MemoryItemKinds.Message },
            $"event {i}", 1 + i % 9, hoursAfterT0: i, peers: [$"actor-{(7 * i) % 11}", "actor-9"])).ToArray();
        var memory = new LongTermMemory();
        var seeded = memory.RememberAll(LongTermMemoryState.Empty, drafts[..5]);

        var batch = memory.RememberAll(seeded, drafts[5..]);
        var single = drafts[5..].Aggregate(seeded, (state, draft) => memory.Remember(state, draft));

        Assert.Equal(JsonSerializer.Serialize(single), JsonSerializer.Serialize(batch));
        Assert.Equal(RelationshipRecord.HistoryLimit, LongTermMemory.Relationship(batch, "actor-9")!.History.Length);
        Assert.Equal(batch.Relationships.Select(r => r.Peer).Order(StringComparer.Ordinal), batch.Relationships.Select(r => r.Peer));
        Assert.Same(seeded, memory.RememberAll(seeded, []));
    }

    [Fact]
    public void Large_backlog_compacts_to_budget()
    {
        var drafts = Enumerable.Range(0, 5000).Select(i => Draft(MemoryItemKinds.Message, $"m{i}", 1 + i % 10, hoursAfterT0: i, peers: [$"actor-{i % 50}"]))
            .ToArray();
        var after = new MemoryCompactor(new CompactionOptions { MaxItems = 200 }).Compact(With(drafts));
        Assert.True(after.Items.Length <= 200);
        Assert.Equal(5000, after.Items.Sum(i => i.Covers));
    }
}
