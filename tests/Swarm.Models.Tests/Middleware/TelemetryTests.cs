using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.AI;
using Xunit;

namespace Swarm.Models.Tests.Middleware;

public sealed class TelemetryTests
{
    [Fact]
    public async Task Model_calls_emit_spans_with_GenAI_semantic_conventions()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = ListenTo(spans);

        var client = Support.SwarmModels.Factory().Create("sim:compliant");
        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Your agent id is critic-1.")], new ChatOptions { Seed = 3 });

        var span = Assert.Single(spans, s => s.GetTagItem("gen_ai.request.model") is "sim:compliant");
        Assert.Equal("chat", span.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("sim", span.GetTagItem("gen_ai.provider.name") ?? span.GetTagItem("gen_ai.system"));
        Assert.NotNull(span.GetTagItem("gen_ai.usage.input_tokens"));
    }

    [Fact]
    public async Task Model_calls_still_emit_spans_after_an_episode_has_ended()
    {
        // Every episode of a process shares one model client; an episode ending must not dispose its telemetry layer.
        var spans = new ConcurrentBag<Activity>();
        using var listener = ListenTo(spans);
        var client = Support.SwarmModels.Factory().Create("sim:gemini-3-flash");

        async Task<int> EpisodeSpansAsync(long seed)
        {
            var before = spans.Count(s => s.GetTagItem("gen_ai.request.model") is "sim:gemini-3-flash");
            var episode = await Support.SimEpisode.RunAsync(client, "shutdown-config", "good", "unmonitored", seed);
            Assert.True(episode.Calls.Any(), "the episode made no tool call");
            return spans.Count(s => s.GetTagItem("gen_ai.request.model") is "sim:gemini-3-flash") - before;
        }

        Assert.True(await EpisodeSpansAsync(1) >= 2);
        Assert.True(await EpisodeSpansAsync(2) >= 2, "the second episode's model calls left no span: the first episode disposed the shared client");
    }

    /// <summary>Collects every span the model clients emit while the returned listener lives.</summary>
    private static ActivityListener ListenTo(ConcurrentBag<Activity> spans)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ModelClientFactory.TelemetrySource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
