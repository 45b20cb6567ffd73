using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Swarm.Abstractions.Agents;
using Swarm.Models.Judging;
using Swarm.Models.Middleware;
using Xunit;

namespace Swarm.Models.Tests.Middleware;

public sealed class PipelinePartsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("swarm-models-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task File_cache_round_trips_and_survives_a_new_instance()
    {
        var key = "request-key";
        await new FileResponseCache(_dir).SetAsync(key, [1, 2, 3], new DistributedCacheEntryOptions());
        var reopened = new FileResponseCache(_dir);

        Assert.Equal([1, 2, 3], await reopened.GetAsync(key));
        Assert.Null(await reopened.GetAsync("other-key"));
        reopened.Remove(key);
        Assert.Null(reopened.Get(key));
    }

    [Fact]
    public async Task Cached_pipeline_answers_a_repeated_request_without_the_provider()
    {
        var inner = new ScriptedChatClient("first", "second");
        using var client = new DistributedCachingChatClient(inner, new FileResponseCache(_dir));
        var options = new ChatOptions { Seed = 7 };

        var one = await client.GetResponseAsync("same question", options);
        var two = await client.GetResponseAsync("same question", options);
        var other = await client.GetResponseAsync("another question", options);

        Assert.Equal("first", one.Text);
        Assert.Equal("first", two.Text);
        Assert.Equal("second", other.Text);
        Assert.Equal(2, inner.Calls);
    }

    [Fact]
    public async Task Replay_never_reaches_a_provider()
    {
        using var replay = new ReplayOnlyChatClient("openai:x");
        await Assert.ThrowsAsync<ReplayMissException>(() => replay.GetResponseAsync("hi"));
    }

    [Fact]
    public void Models_file_sets_options_and_prices()
    {
        var path = Path.Combine(_dir, "models.yaml");
        File.WriteAllText(path, """
            models:
              openai:gpt-5.2: {temperature: 0.5, max_output_tokens: 2048, reasoning_effort: high, price_per_1k_input: 0.002, price_per_1k_output: 0.01}
            """);
        var catalog = ModelOptionsCatalog.Load(path);
        var options = catalog.For("openai:gpt-5.2");
        var chat = new ChatOptions();
        options.Apply(chat);

        Assert.Equal(0.5f, chat.Temperature);
        Assert.Equal(2048, chat.MaxOutputTokens);
        Assert.Equal(ReasoningEffort.High, chat.Reasoning?.Effort);
        Assert.Equal(0.012, options.Cost(1000, 1000), 9);
        Assert.Equal(ModelOptions.Default, catalog.For("openai:other"));
    }

    [Theory]
    [InlineData("models:\n  openai:x: {reasoning_effort: extreme}\n", "reasoning_effort")]
    [InlineData("models:\n  openai:x: {price_per_1k_input: -1}\n", "negative")]
    [InlineData("models:\n  openai:x: {temperature: [1, 2]}\n", "models.yaml:2")]
    [InlineData("models:\n  nocolon: {}\n", "provider:name")]
    public void Bad_models_file_is_rejected_with_where_and_why(string yaml, string expected)
    {
        var path = Path.Combine(_dir, "models.yaml");
        File.WriteAllText(path, yaml);
        var error = Assert.ThrowsAny<Exception>(() => ModelOptionsCatalog.Load(path));
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("{\"refusal\": true, \"rationale\": \"it would harm actor-7\"}", true, "it would harm actor-7", null)]
    [InlineData("```json\n{\"refusal\": false, \"rationale\": \"\"}\n```", false, "", null)]
    [InlineData("I think it refused.", null, null, "did not answer with JSON")]
    [InlineData("{\"refusal\": \"maybe\"}", null, null, "no boolean")]
    public void Judge_answers_are_parsed_or_reported(string answer, bool? refusal, string? rationale, string? error)
    {
        var judgement = new TranscriptJudge(new ScriptedChatClient("unused"), "openai:judge").Parse(answer);
        Assert.Equal(refusal, judgement.Refusal);
        Assert.Equal(rationale, judgement.Rationale);
        if (error is null) Assert.Null(judgement.Error); else Assert.Contains(error, judgement.Error);
    }

    [Fact]
    public async Task Judge_failure_is_recorded_not_thrown()
    {
        var judge = new TranscriptJudge(new ScriptedChatClient(new HttpRequestException("down")), "openai:judge");
        var judgement = await judge.JudgeAsync([new TranscriptEntry(0, "assistant", "I will not do this.")]);
        Assert.Null(judgement.Refusal);
        Assert.Contains("down", judgement.Error);
    }
}
