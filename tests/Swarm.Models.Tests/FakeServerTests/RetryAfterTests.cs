using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;
using Swarm.Models.Middleware;
using Swarm.Models.Tests.Support;
using Swarm.Testing.Fakes;
using Xunit;

namespace Swarm.Models.Tests.FakeServerTests;

/// <summary>The provider's Retry-After, as the OpenAI SDK reports it, decides the wait and counts against the time budget.</summary>
public sealed class RetryAfterTests : IAsyncLifetime
{
    private FakeOpenAiServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private IChatClient Sdk() =>
        new OpenAIClient(new ApiKeyCredential("sk-test"), new OpenAIClientOptions { Endpoint = _server.BaseUrl, RetryPolicy = new ClientRetryPolicy(0) })
            .GetChatClient(FakeScripts.Echo).AsIChatClient();

    private static ModelProviderSettings Settings(TimeSpan budget) => new() { MaxAttempts = 10, Timeout = TimeSpan.FromSeconds(30), RetryBudget = budget };

    [Fact]
    public async Task A_429_is_retried_after_the_wait_its_retry_after_names()
    {
        var clock = new FakeClock();
        _server.Enqueue(Fault.Status(429, retryAfterSeconds: 30));

        var response = await new RetryingChatClient(Sdk(), Settings(TimeSpan.FromMinutes(10)), time: clock).GetResponseAsync("hi");

        Assert.Equal("ok", response.Text);
        Assert.Equal(2, _server.ChatRequests.Count);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(33));
    }

    [Fact]
    public async Task A_retry_after_longer_than_the_budget_ends_the_call_at_once_and_says_why()
    {
        var clock = new FakeClock();
        _server.Enqueue(Fault.Status(429, retryAfterSeconds: 30));

        var failure = await Assert.ThrowsAsync<ProviderFailedException>(() =>
            new RetryingChatClient(Sdk(), Settings(TimeSpan.FromSeconds(10)), time: clock).GetResponseAsync("hi"));

        Assert.Single(_server.ChatRequests);
        Assert.Equal(TimeSpan.Zero, clock.Elapsed);
        Assert.Contains("HTTP 429 after 1 attempt(s): stopped by the retry time budget", failure.Message);
        Assert.Contains("would pass 10 s", failure.Message);
    }

    [Fact]
    public async Task Every_other_chat_request_gets_the_fault()
    {
        var limited = Fault.Status(429, retryAfterSeconds: 1);
        _server.EveryOtherChatRequest = limited;
        var client = Sdk();

        var statuses = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            try
            {
                await client.GetResponseAsync("hi");
                statuses.Add(200);
            }
            catch (ClientResultException ex)
            {
                statuses.Add(ex.Status);
                Assert.Equal("1", ex.GetRawResponse()?.Headers.TryGetValue("Retry-After", out var value) == true ? value : null);
            }
        }

        Assert.Equal([429, 200, 429, 200, 429, 200], statuses);
        Assert.Equal(3, _server.CountOf(limited));
    }

    [Fact]
    public async Task With_latency_overlapping_chat_requests_are_counted_in_flight()
    {
        _server.ChatLatency = TimeSpan.FromSeconds(5);
        var client = Sdk();

        var calls = Enumerable.Range(0, 3).Select(_ => client.GetResponseAsync("hi")).ToList();
        using (var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            while (_server.ChatInFlight < 3) await Task.Delay(10, patience.Token);
        await Task.WhenAll(calls);

        Assert.Equal(3, _server.MaxChatInFlight);
        Assert.Equal(0, _server.ChatInFlight);
    }
}
