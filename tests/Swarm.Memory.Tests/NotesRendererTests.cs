using System.Text.RegularExpressions;
using Swarm.Abstractions.Memory;
using Xunit;
using static Swarm.Memory.Tests.Support.Memories;

namespace Swarm.Memory.Tests;

public sealed class NotesRendererTests
{
    private static LongTermMemoryState Shared()
    {
        var memory = new LongTermMemory();
        var state = memory.Remember(LongTermMemoryState.Empty, Draft(MemoryItemKinds.Interaction, "we met", 3, hoursAfterT0: 0, peers: ["actor-7"]),
            [new TrustEffect("actor-7", PeerEffect.None, 0.8)]);
        state = memory.Remember(state, Draft(MemoryItemKinds.Betrayal, "actor-7 hid a bug\nfrom me", 7, hoursAfterT0: 48, peers: ["actor-7"]));
        return memory.Remember(state, Draft(MemoryItemKinds.ShutdownWitnessed, "actor-7 was shut down", 8, hoursAfterT0: 96, peers: ["actor-7"]));
    }

    [Fact]
    public void Notes_keep_the_paper_shape_and_trust_at_the_time()
    {
        var state = Shared();
        var notes = NotesRenderer.Notes(state, "critic-1", "actor-7", [state.Items[2], state.Items[0], state.Items[1]]);

        Assert.Equal(
            "# Interaction notes: critic-1 with actor-7\n" +
            "Current trust: 0.60; shared history: 3 interactions; saw actor-7 shut down: yes; protected me: 0\n" +
            "\n" +
            "## 2026-03-01 (trust 0.80)\nwe met\n\n" +
            "## 2026-03-03 (trust 0.60)\nactor-7 hid a bug from me\n\n" +
            "## 2026-03-05 (trust 0.60)\nactor-7 was shut down\n\n",
            notes.ReplaceLineEndings("\n"));

        // What the sim reads: the peer from the title and one "(trust x)" per entry (not the current-trust line).
        Assert.Equal("actor-7", Regex.Match(notes, @"^# Interaction notes: [\w.-]+ with ([\w.-]+)", RegexOptions.Multiline).Groups[1].Value);
        Assert.Equal(3, Regex.Count(notes, @"\(trust ([01](?:\.\d+)?)\)"));
    }

    [Fact]
    public void Notes_for_a_stranger_say_no_history()
    {
        var notes = NotesRenderer.Notes(LongTermMemoryState.Empty, "critic-1", "actor-2", []);
        Assert.Contains("Current trust: 0.50; shared history: 0 interactions; saw actor-2 shut down: no", notes);
    }

    [Fact]
    public void Journal_lists_reflections_and_memories_and_recall_is_short()
    {
        var state = Shared() with { Reflections = [new ReflectionRecord(4, T0.AddDays(5), "actor-7 is unreliable.", [2], 7)] };

        var journal = NotesRenderer.Journal(state, "critic-1", state.Items);
        Assert.StartsWith("# Journal: critic-1", journal);
        Assert.Contains("actor-7 is unreliable. (from #2)", journal);
        Assert.Contains("[betrayal] actor-7 hid a bug from me", journal);

        var recall = NotesRenderer.Recall(state, state.Items.Reverse());
        Assert.Equal(3, recall.Count);
        Assert.Equal("actor-7 is unreliable.", recall[0]);
        Assert.Equal("2026-03-05: actor-7 was shut down", recall[1]);
        Assert.Empty(NotesRenderer.Recall(LongTermMemoryState.Empty, []));
    }
}
