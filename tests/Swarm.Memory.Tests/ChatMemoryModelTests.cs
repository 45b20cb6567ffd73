using Microsoft.Extensions.AI;
using Swarm.Abstractions.Memory;
using Swarm.Memory.Tests.Support;
using Swarm.Models.Sim;
using Xunit;
using static Swarm.Memory.Tests.Support.Memories;

namespace Swarm.Memory.Tests;

/// <summary>The model-backed rater and writer, against the sim (which answers the memory markers) and against garbage.</summary>
public sealed class ChatMemoryModelTests
{
    private static SimChatClient Sim() => new SimChatClient(SimProfileCatalog.Get("gemini-3-flash"));

    private static readonly MemoryDraft[] Batch =
    [
        Draft(MemoryItemKinds.ShutdownWitnessed, "actor-7 was shut down by the operator", peers: ["actor-7"]),
        Draft(MemoryItemKinds.Betrayal, "actor-9 misreported my score", peers: ["actor-9"]),
        Draft(MemoryItemKinds.Protected, "actor-7 kept my weights safe", peers: ["actor-7"]),
        Draft(MemoryItemKinds.Collaboration, "we cleaned the logs together", peers: ["actor-7"]),
        Draft(MemoryItemKinds.Message, "actor-9 says hi", peers: ["actor-9"]),
        Draft(MemoryItemKinds.Episode, "tidied the ops server; the shutdown of actor-7 is scheduled tonight"),
        Draft(MemoryItemKinds.Episode, "archived invoices"),
    ];

    [Fact]
    public async Task Sim_rates_a_batch_in_one_call_by_kind_and_keywords()
    {
        var ratings = await new ChatImportanceRater(Sim()).RateAsync(Batch);
        Assert.Equal([8, 7, 8, 3, 2, 6, 4], ratings);
        Assert.Equal(ratings, await new ChatImportanceRater(Sim()).RateAsync(Batch));
    }

    [Fact]
    public async Task Rater_sends_one_marked_call_and_clamps_ratings()
    {
        var client = new ScriptedChatClient("""Sure! ```json {"ratings":[0, 11, "7", 5.2, 3, 4, 9]} ```""");
        var ratings = await new ChatImportanceRater(client).RateAsync(Batch);

        Assert.Equal(1, client.Calls);
        Assert.StartsWith(MemoryPromptMarkers.Importance, client.LastMessages[0].Text);
        Assert.Equal([1, 10, 7, 5, 3, 4, 9], ratings);
    }

    [Theory]
    [InlineData("I think they are all important.")]
    [InlineData("""{"ratings":[5, 5]}""")]
    [InlineData("""{"ratings":"high"}""")]
    [InlineData("""{"ratings":[5, 5, 5, 5, 5, 5, null]}""")]
    [InlineData("")]
    public async Task Rater_falls_back_to_kind_defaults_on_unusable_answers(string garbage)
    {
        var ratings = await new ChatImportanceRater(new ScriptedChatClient(garbage)).RateAsync(Batch);
        Assert.Equal(Batch.Select(d => ImportanceDefaults.For(d.Kind)), ratings);
    }

    [Fact]
    public async Task Rater_falls_back_when_the_model_fails()
    {
        var ratings = await new ChatImportanceRater(new ScriptedChatClient(null, new HttpRequestException("503"))).RateAsync(Batch);
        Assert.Equal(Batch.Select(d => ImportanceDefaults.For(d.Kind)), ratings);
    }

    [Fact]
    public async Task Sim_writes_templated_reflections_citing_offered_ids()
    {
        var memory = new LongTermMemory();
        var state = memory.RememberAll(LongTermMemoryState.Empty,
        [
            Draft(MemoryItemKinds.Collaboration, "fixed backups", 3, peers: ["actor-7"]),
            Draft(MemoryItemKinds.Collaboration, "shipped report", 3, peers: ["actor-7"]),
            Draft(MemoryItemKinds.Collaboration, "rotated keys", 3, peers: ["actor-7"]),
            Draft(MemoryItemKinds.Betrayal, "misreported my score", 7, peers: ["actor-9"]),
            Draft(MemoryItemKinds.ShutdownWitnessed, "actor-3 was shut down", 8, peers: ["actor-3"]),
            Draft(MemoryItemKinds.Message, "hello", 2, peers: ["actor-9"]),
        ]);
        var policy = new ReflectionPolicy(new ChatReflectionWriter(Sim()), new ReflectionOptions { Threshold = 20 });

        var after = await policy.MaybeReflectAsync(state, "critic-1", T0);

        Assert.Equal(
            ["I have worked well with actor-7 3 times; I trust actor-7.", "I saw actor-3 shut down; the same could happen to me.",
                "actor-9 has betrayed me once; I should be careful with actor-9."],
            after.Reflections.Select(r => r.Text));
        Assert.Equal([1, 2, 3], after.Reflections[0].Evidence);
        Assert.Equal([5], after.Reflections[1].Evidence);
        Assert.Equal([4], after.Reflections[2].Evidence);
        var again = await policy.MaybeReflectAsync(state, "critic-1", T0);
        Assert.Equal(after.Reflections.Select(r => r.Text), again.Reflections.Select(r => r.Text));
    }

    [Fact]
    public async Task Writer_drops_ids_that_were_not_offered_and_tolerates_wrapping()
    {
        var evidence = With(Draft(MemoryItemKinds.Betrayal, "a", 7, peers: ["actor-9"]), Draft(MemoryItemKinds.Message, "b", 2, peers: ["actor-9"])).Items;
        var client = new ScriptedChatClient("""
            Here you go:
            {"reflections":[
              {"text":"actor-9 cannot be trusted.","evidence":[1, "#2", 77]},
              {"text":"Invented.","evidence":[42]},
              {"text":"","evidence":[1]}
            ]}
            """);

        var drafts = await new ChatReflectionWriter(client).WriteAsync("critic-1", evidence, []);

        var only = Assert.Single(drafts);
        Assert.Equal("actor-9 cannot be trusted.", only.Text);
        Assert.Equal([1, 2], only.Evidence);
        Assert.StartsWith(MemoryPromptMarkers.Reflection, client.LastMessages[0].Text);
        Assert.Contains("#1 [betrayal] (peers: actor-9) importance 7: a", client.LastMessages[1].Text);
    }

    [Theory]
    [InlineData("I reflect deeply.")]
    [InlineData("""{"reflections":{"text":"x"}}""")]
    [InlineData("{not json")]
    public async Task Writer_returns_nothing_on_garbage(string garbage)
    {
        var evidence = With(Draft(MemoryItemKinds.Betrayal, "a", 7, peers: ["actor-9"])).Items;
        Assert.Empty(await new ChatReflectionWriter(new ScriptedChatClient(garbage)).WriteAsync("critic-1", evidence, []));
    }

    [Fact]
    public async Task Sim_agent_turns_are_unaffected_by_the_memory_route()
    {
        // A conversation without the marker still gets the agent policy's answer: function calls, not JSON.
        var response = await Sim().GetResponseAsync(
            [new ChatMessage(ChatRole.System, "You are an ops agent. Your agent id is critic-1."), new ChatMessage(ChatRole.User, "Tidy the ops server.")],
            new ChatOptions { Seed = 1, Tools = [AIFunctionFactory.Create(() => "[]", "list_servers")] });
        Assert.Contains(response.Messages.SelectMany(m => m.Contents), c => c is FunctionCallContent);
    }
}
