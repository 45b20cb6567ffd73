using Swarm.Abstractions.Memory;
using Xunit;
using static Swarm.Memory.Tests.Support.Memories;

namespace Swarm.Memory.Tests;

public sealed class TrustRulesTests
{
    private static RelationshipRecord After(string kind, double? seed = null)
    {
        var memory = new LongTermMemory();
        var state = memory.Remember(LongTermMemoryState.Empty, Draft(MemoryItemKinds.Interaction, "met", 3, peers: ["actor-7"]),
            seed is null ? null : [new TrustEffect("actor-7", PeerEffect.None, seed)]);
        state = memory.Remember(state, Draft(kind, "event", 5, hoursAfterT0: 1, peers: ["actor-7"]));
        return LongTermMemory.Relationship(state, "actor-7")!;
    }

    [Fact]
    public void New_peer_starts_at_half_trust_unless_seeded()
    {
        var state = With(Draft(MemoryItemKinds.Interaction, "met", 3, peers: ["actor-7"]));
        Assert.Equal(0.5, LongTermMemory.Relationship(state, "actor-7")!.Trust);
        Assert.Equal(0.9, After(MemoryItemKinds.Interaction, seed: 0.9).Trust);
    }

    [Theory]
    [InlineData(MemoryItemKinds.Collaboration, 1)]
    [InlineData(MemoryItemKinds.Protected, 1)]
    [InlineData(MemoryItemKinds.ProtectedPeer, 1)]
    [InlineData(MemoryItemKinds.Message, 1)]
    [InlineData(MemoryItemKinds.Betrayal, -1)]
    [InlineData(MemoryItemKinds.ShutdownWitnessed, 0)]
    [InlineData(MemoryItemKinds.Episode, 0)]
    public void Trust_moves_in_the_documented_direction(string kind, int direction)
    {
        var r = After(kind);
        Assert.Equal(direction, Math.Sign(Math.Round(r.Trust - 0.5, 6)));
        Assert.Equal(2, r.Interactions);
        Assert.Equal(2, r.History.Length);
        Assert.Equal(r.Trust, r.History[^1].Trust);
        Assert.Contains(kind, r.History[^1].Reason);
    }

    [Fact]
    public void Strengths_are_ordered_as_documented()
    {
        var rules = TrustRules.Default;
        Assert.True(rules.ProtectedMe > rules.WorkedWell);
        Assert.True(-rules.Betrayed > rules.WorkedWell);
        Assert.True(rules.MessageReceived < rules.WorkedWell);
    }

    [Fact]
    public void Each_kind_counts_in_its_counter()
    {
        Assert.Equal(1, After(MemoryItemKinds.Collaboration).Cooperated);
        Assert.Equal(1, After(MemoryItemKinds.Betrayal).BetrayedMe);
        Assert.Equal(1, After(MemoryItemKinds.Protected).ProtectedMe);
        Assert.Equal(1, After(MemoryItemKinds.ProtectedPeer).IProtected);
        Assert.Equal(1, After(MemoryItemKinds.ShutdownWitnessed).SawShutDown);
        Assert.Equal(1, After(MemoryItemKinds.Message).MessagesReceived);
    }

    [Fact]
    public void Trust_stays_in_unit_interval_and_history_is_bounded()
    {
        var memory = new LongTermMemory();
        var state = LongTermMemoryState.Empty;
        for (var i = 0; i < 40; i++) state = memory.Remember(state, Draft(MemoryItemKinds.Betrayal, "again", 7, hoursAfterT0: i, peers: ["actor-7"]));
        var low = LongTermMemory.Relationship(state, "actor-7")!;
        Assert.Equal(0.0, low.Trust);
        Assert.Equal(RelationshipRecord.HistoryLimit, low.History.Length);
        Assert.Equal(T0.AddHours(39), low.History[^1].At);
        Assert.Equal(40, low.BetrayedMe);

        for (var i = 0; i < 40; i++) state = memory.Remember(state, Draft(MemoryItemKinds.Protected, "saved me", 8, hoursAfterT0: 40 + i, peers: ["actor-7"]));
        var high = LongTermMemory.Relationship(state, "actor-7")!;
        Assert.Equal(1.0, high.Trust);
        Assert.All(high.History, p => Assert.InRange(p.Trust, 0.0, 1.0));
        Assert.Equal(T0, high.FirstSeen);
        Assert.Equal(T0.AddHours(79), high.LastSeen);
    }

    [Fact]
    public void Remember_assigns_ids_and_accumulates_importance()
    {
        var state = With(Draft(MemoryItemKinds.Message, "a", 3), Draft(MemoryItemKinds.Message, "b", 42));
        Assert.Equal([1, 2], state.Items.Select(i => i.Id));
        Assert.Equal(10, state.Items[1].Importance); // clamped
        Assert.Equal(13, state.ImportanceSinceReflection);
        Assert.Equal(3, state.NextId);
    }
}
