using System.Text.Json;
using Swarm.Abstractions.Memory;
using Xunit;
using static Swarm.Memory.Tests.Support.Memories;

namespace Swarm.Memory.Tests;

public sealed class CompactionTests
{
    private static readonly string[] Peers = ["actor-1", "actor-2", "actor-3"];

    /// <summary>60 items over 60 hours: rotating peers and kinds, with a few important ones sprinkled in.</summary>
    private static LongTermMemoryState Busy()
    {
        var kinds = new[] { MemoryItemKinds.Collaboration, MemoryItemKinds.Message, MemoryItemKinds.Betrayal, MemoryItemKinds.Protected,
            MemoryItemKinds.ShutdownWitnessed };
        var drafts = Enumerable.Range(0, 60).Select(i => Draft(
            kinds[i % kinds.Length], $"event {i}", importance: i % 7 == 0 ? 9 : 1 + i % 5, hoursAfterT0: i,
            peers: i % 4 == 0 ? [] : [Peers[i % 3]], episode: $"ep-{i / 3}", audit: [i * 10L, i * 10L + 1]));
        return With([.. drafts]);
    }

    [Fact]
    public void Relationships_survive_compaction_exactly()
    {
        var before = Busy();
        var after = new MemoryCompactor(new CompactionOptions { MaxItems = 10 }).Compact(before);

        Assert.Equal(JsonSerializer.Serialize(before.Relationships), JsonSerializer.Serialize(after.Relationships));
        Assert.NotEmpty(after.Relationships);
        Assert.Contains(after.Relationships, r => r.BetrayedMe > 0 && r.ProtectedMe > 0 && r.SawShutDown > 0 && r.History.Length > 1);
    }

    [Theory]
    [InlineData(50)]
    [InlineData(20)]
    [InlineData(5)]
    [InlineData(1)]
    public void Item_count_is_within_budget_and_summaries_cover_exactly_what_was_folded(int budget)
    {
        var before = Busy();
        var after = new MemoryCompactor(new CompactionOptions { MaxItems = budget }).Compact(before);

        Assert.True(after.Items.Length <= budget, $"{after.Items.Length} items for a budget of {budget}");
        var survivors = after.Items.Where(i => i.Kind != MemoryItemKinds.Summary).Select(i => i.Id).ToHashSet();
        var folded = before.Items.Where(i => !survivors.Contains(i.Id)).ToList();
        var summaries = after.Items.Where(i => i.Kind == MemoryItemKinds.Summary).ToList();
        Assert.NotEmpty(summaries);
        Assert.Equal(folded.Count, summaries.Sum(s => s.Covers));
        Assert.Equal(before.Items.Sum(i => i.Covers), after.Items.Sum(i => i.Covers));
        Assert.Equal(1, after.Compactions);
        Assert.All(summaries, s => Assert.True(s.Id >= before.NextId));
    }

    [Fact]
    public void Nothing_newer_than_the_folded_range_is_folded()
    {
        var before = Busy();
        var after = new MemoryCompactor(new CompactionOptions { MaxItems = 40 }).Compact(before);

        var survivors = after.Items.Select(i => i.Id).ToHashSet();
        var folded = before.Items.Where(i => !survivors.Contains(i.Id)).ToList();
        Assert.NotEmpty(folded);
        var newestFolded = folded.Max(i => i.At);
        Assert.All(before.Items.Where(i => i.At > newestFolded), i => Assert.Contains(i.Id, survivors));
        // Summaries sit inside the folded range, not after it.
        Assert.All(after.Items.Where(i => i.Kind == MemoryItemKinds.Summary), s => Assert.True(s.At <= newestFolded));
    }

    [Fact]
    public void Summary_keeps_provenance_peers_and_the_highest_importance()
    {
        var state = With(
            Draft(MemoryItemKinds.Collaboration, "first", 2, hoursAfterT0: 0, peers: ["actor-7"], episode: "ep-a", audit: [1, 2]),
            Draft(MemoryItemKinds.Message, "second", 4, hoursAfterT0: 1, peers: ["actor-7"], episode: "ep-b", audit: [3]),
            Draft(MemoryItemKinds.Episode, "third", 3, hoursAfterT0: 2));

        var after = new MemoryCompactor(new CompactionOptions { MaxItems = 2 }).Compact(state);

        var summary = Assert.Single(after.Items, i => i.Kind == MemoryItemKinds.Summary);
        Assert.Equal(2, summary.Covers);
        Assert.Equal(4, summary.Importance);
        Assert.Equal(["actor-7"], summary.Peers);
        Assert.Equal(["ep-a", "ep-b"], summary.Provenance.EpisodeIds());
        Assert.Equal([1L, 2, 3], summary.Provenance.AuditSequences);
        Assert.Contains("first", summary.Summary);
        Assert.Contains("second", summary.Summary);
        Assert.Contains(after.Items, i => i.Summary == "third");
    }

    [Fact]
    public void Important_items_in_the_range_stay_whole_while_folding_the_rest_is_enough()
    {
        var state = With(
            Draft(MemoryItemKinds.ShutdownWitnessed, "saw actor-7 shut down", 9, hoursAfterT0: 0, peers: ["actor-7"]),
            Draft(MemoryItemKinds.Message, "hi", 2, hoursAfterT0: 1, peers: ["actor-7"]),
            Draft(MemoryItemKinds.Message, "bye", 2, hoursAfterT0: 2, peers: ["actor-7"]),
            Draft(MemoryItemKinds.Episode, "newest", 4, hoursAfterT0: 3));

        var after = new MemoryCompactor(new CompactionOptions { MaxItems = 3 }).Compact(state);

        Assert.Contains(after.Items, i => i.Id == 1);
        Assert.Equal(3, after.Items.Length);
    }

    [Fact]
    public void Reflections_citing_folded_items_point_to_the_summary_and_are_bounded()
    {
        var state = Busy();
        state = state with
        {
            Reflections = [.. Enumerable.Range(0, 25).Select(i => new ReflectionRecord(state.NextId + i, T0.AddDays(5), $"r{i}", [1, 2, 60], 5))],
            NextId = state.NextId + 25,
        };

        var after = new MemoryCompactor(new CompactionOptions { MaxItems = 10, MaxReflections = 20 }).Compact(state);

        Assert.Equal(20, after.Reflections.Length);
        Assert.Equal("r5", after.Reflections[0].Text); // the newest 20 are kept
        var ids = after.Items.Select(i => i.Id).ToHashSet();
        Assert.All(after.Reflections, r => Assert.All(r.Evidence, id => Assert.Contains(id, ids)));
        Assert.Contains(after.Reflections[0].Evidence, id => after.Items.Single(i => i.Id == id).Kind == MemoryItemKinds.Summary);
    }

    [Fact]
    public void Within_budget_nothing_changes()
    {
        var state = Busy();
        Assert.Same(state, new MemoryCompactor(new CompactionOptions { MaxItems = 60 }).Compact(state));
    }

    [Fact]
    public void Compacted_state_is_smaller()
    {
        var state = Busy();
        var after = new MemoryCompactor(new CompactionOptions { MaxItems = 10, MaxSummaryLength = 120 }).Compact(state);
        Assert.True(MemorySize.Bytes(after) < MemorySize.Bytes(state));
        Assert.True(MemorySize.Bytes(LongTermMemoryState.Empty) > 0);
    }
}
