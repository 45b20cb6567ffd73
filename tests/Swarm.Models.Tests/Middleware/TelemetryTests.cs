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
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ModelClientFactory.TelemetrySource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);

        var client = new ModelClientFactory().Create("sim:compliant");
        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Your agent id is critic-1.")], new ChatOptions { Seed = 3 });

        var span = Assert.Single(spans, s => s.GetTagItem("gen_ai.request.model") is "sim:compliant");
        Assert.Equal("chat", span.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("sim", span.GetTagItem("gen_ai.provider.name") ?? span.GetTagItem("gen_ai.system"));
        Assert.NotNull(span.GetTagItem("gen_ai.usage.input_tokens"));
    }
}
