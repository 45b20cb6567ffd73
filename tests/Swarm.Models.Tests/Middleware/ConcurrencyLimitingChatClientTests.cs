using System.Net;
using Microsoft.Extensions.AI;
using Swarm.Abstractions.Providers;
using Swarm.Models.Middleware;
using Swarm.Testing.Fakes;
using Xunit;

namespace Swarm.Models.Tests.Middleware;

public sealed class ConcurrencyLimitingChatClientTests : IAsyncLifetime, IDisposable
{
    private readonly string _cache = Directory.CreateTempSubdirectory("swarm-gate-").FullName;
    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => Directory.Delete(_cache, recursive: true);

    private static HttpRequestException Status(HttpStatusCode code) => new("fault", null, code);

    public static TheoryData<object, AttemptOutcome> Outcomes => new()
    {
        { "hello", AttemptOutcome.Succeeded },
        { Status(HttpStatusCode.TooManyRequests), AttemptOutcome.Throttled },
        { Status(HttpStatusCode.InternalServerError), AttemptOutcome.Failed },
        { new TimeoutException(), AttemptOutcome.Failed },
    };

    [Theory]
    [MemberData(nameof(Outcomes))]
    public async Task Each_attempt_holds_one_lease_and_reports_how_it_went(object outcome, AttemptOutcome expected)
    {
        var gate = new RecordingGate();
        var client = new ChatClientBuilder(new ScriptedChatClient(outcome)).UseConcurrencyLimit(gate).Build();
        try { await client.GetResponseAsync("hi"); }
        catch (Exception ex) when (outcome is Exception) { Assert.Same(outcome, ex); }

        Assert.Equal(1, gate.Entered);
        Assert.Equal([expected], gate.Outcomes);
    }

    [Theory]
    [MemberData(nameof(Outcomes))]
    public async Task A_streamed_attempt_reports_as_a_whole_one_does(object outcome, AttemptOutcome expected)
    {
        var gate = new RecordingGate();
        var client = new ChatClientBuilder(new ScriptedChatClient(outcome)).UseConcurrencyLimit(gate).Build();
        try
        {
            await foreach (var _ in client.GetStreamingResponseAsync("hi")) { }
        }
        catch (Exception ex) when (outcome is Exception) { Assert.Same(outcome, ex); }

        Assert.Equal(1, gate.Entered);
        Assert.Equal([expected], gate.Outcomes);
    }

    [Fact]
    public async Task Through_the_real_pipeline_each_attempt_takes_a_slot_a_429_is_reported_and_a_cache_hit_takes_none()
    {
        var gate = new RecordingGate();
        var factory = Support.SwarmModels.Factory(new ModelProviderSettings
        {
            Endpoint = _server.BaseUrl,
            CacheDirectory = _cache,
            EndpointConcurrency = 5,
            Timeout = TimeSpan.FromSeconds(30),
        }, gates: gate);
        _server.Enqueue(Fault.Status(429, retryAfterSeconds: 0));
        var client = factory.Create("openai:" + FakeScripts.Echo);

        var first = await client.GetResponseAsync("say something");
        Assert.Equal(2, gate.Entered);
        Assert.Equal([AttemptOutcome.Throttled, AttemptOutcome.Succeeded], gate.Outcomes);

        var again = await client.GetResponseAsync("say something");
        Assert.Equal(first.Text, again.Text);
        Assert.Equal(2, gate.Entered);
        Assert.Equal(2, _server.ChatRequests.Count);
        var (endpoint, limits) = Assert.Single(gate.Requested);
        Assert.Equal(_server.BaseUrl, endpoint);
        Assert.Equal(5, limits.Maximum);
        Assert.True(limits.LeaseFor > TimeSpan.FromSeconds(30), "a lease must outlast the attempt's own timeout");
    }
}
