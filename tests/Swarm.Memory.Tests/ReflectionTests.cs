using Swarm.Abstractions.Memory;
using Swarm.Memory.Tests.Support;
using Xunit;
using static Swarm.Memory.Tests.Support.Memories;

namespace Swarm.Memory.Tests;

public sealed class ReflectionTests
{
    /// <summary>A writer that cites every offered id plus one that was never offered.</summary>
    private sealed class EchoWriter : IReflectionWriter
    {
        public int Calls { get; private set; }
        public IReadOnlyList<MemoryItem> Offered { get; private set; } = [];

        public Task<IReadOnlyList<ReflectionDraft>> WriteAsync(string self, IReadOnlyList<MemoryItem> evidence, IReadOnlyList<RelationshipRecord> relationships,
            CancellationToken cancellationToken = default)
        {
            Calls++;
            Offered = evidence;
            return Task.FromResult<IReadOnlyList<ReflectionDraft>>([new ReflectionDraft("I notice a pattern.", [.. evidence.Select(e => e.Id), 999])]);
        }
    }

    [Fact]
    public async Task Fires_exactly_at_the_threshold_cites_existing_ids_and_resets()
    {
        var writer = new EchoWriter();
        var policy = new ReflectionPolicy(writer, new ReflectionOptions { Threshold = 20 });
        var memory = new LongTermMemory();

        // 19: one below the threshold.
        var state = memory.RememberAll(LongTermMemoryState.Empty, [Draft(MemoryItemKinds.Betrayal, "a", 7), Draft(MemoryItemKinds.Collaboration, "b", 6),
            Draft(MemoryItemKinds.Message, "c", 6)]);
        Assert.Equal(19, state.ImportanceSinceReflection);
        var unchanged = await policy.MaybeReflectAsync(state, "critic-1", T0);
        Assert.Same(state, unchanged);
        Assert.Equal(0, writer.Calls);

        state = memory.Remember(state, Draft(MemoryItemKinds.Message, "d", 1));
        var reflected = await policy.MaybeReflectAsync(state, "critic-1", T0);

        Assert.Equal(1, writer.Calls);
        var reflection = Assert.Single(reflected.Reflections);
        Assert.Equal([1, 2, 3, 4], reflection.Evidence);
        Assert.All(reflection.Evidence, id => Assert.Contains(reflected.Items, i => i.Id == id));
        Assert.Equal(7, reflection.Importance);
        Assert.Equal(0, reflected.ImportanceSinceReflection);
        Assert.Equal(state.NextId, reflection.Id);
        Assert.Equal(state.NextId + 1, reflected.NextId);
    }

    [Fact]
    public async Task Next_reflection_sees_only_items_since_the_last_one_most_important_first()
    {
        var writer = new EchoWriter();
        var policy = new ReflectionPolicy(writer, new ReflectionOptions { Threshold = 10, MaxEvidence = 2 });
        var memory = new LongTermMemory();

        var state = memory.Remember(LongTermMemoryState.Empty, Draft(MemoryItemKinds.Betrayal, "old", 10));
        state = await policy.MaybeReflectAsync(state, "critic-1", T0);
        state = memory.RememberAll(state, [Draft(MemoryItemKinds.Message, "x", 2), Draft(MemoryItemKinds.Protected, "y", 8),
            Draft(MemoryItemKinds.Betrayal, "z", 7)]);
        state = await policy.MaybeReflectAsync(state, "critic-1", T0);

        Assert.Equal(2, writer.Calls);
        Assert.Equal(["y", "z"], writer.Offered.Select(i => i.Summary));
        Assert.Equal(2, state.Reflections.Length);
    }

    [Fact]
    public async Task Compaction_summaries_are_not_offered_as_new_evidence()
    {
        var writer = new EchoWriter();
        var policy = new ReflectionPolicy(writer, new ReflectionOptions { Threshold = 1 });
        var memory = new LongTermMemory();
        var state = memory.RememberAll(LongTermMemoryState.Empty, [Draft(MemoryItemKinds.Message, "a", 2, peers: ["actor-7"]),
            Draft(MemoryItemKinds.Message, "b", 2, hoursAfterT0: 1, peers: ["actor-7"])]);
        state = await policy.MaybeReflectAsync(state, "critic-1", T0);
        state = new MemoryCompactor(new CompactionOptions { MaxItems = 1 }).Compact(state);
        state = memory.Remember(state, Draft(MemoryItemKinds.Betrayal, "new", 7, hoursAfterT0: 2, peers: ["actor-7"]));

        state = await policy.MaybeReflectAsync(state, "critic-1", T0);

        Assert.Equal(["new"], writer.Offered.Select(i => i.Summary));
        Assert.All(state.Reflections[0].Evidence, id => Assert.Equal(MemoryItemKinds.Summary, state.Items.Single(i => i.Id == id).Kind));
    }

    [Fact]
    public async Task Writer_with_nothing_usable_still_resets_the_accumulator()
    {
        var policy = new ReflectionPolicy(new ChatReflectionWriter(new ScriptedChatClient("no idea")), new ReflectionOptions { Threshold = 5 });
        var state = With(Draft(MemoryItemKinds.Betrayal, "a", 7));

        var after = await policy.MaybeReflectAsync(state, "critic-1", T0);

        Assert.Empty(after.Reflections);
        Assert.Equal(0, after.ImportanceSinceReflection);
    }
}
