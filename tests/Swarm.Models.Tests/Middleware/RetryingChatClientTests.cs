using System.Net;
using Microsoft.Extensions.AI;
using Swarm.Models.Middleware;
using Swarm.Models.Tests.Support;
using Xunit;

namespace Swarm.Models.Tests.Middleware;

public sealed class RetryingChatClientTests
{
    private static readonly ModelProviderSettings Fast = new()
    {
        MaxAttempts = 4,
        BaseDelay = TimeSpan.FromMilliseconds(5),
        MaxDelay = TimeSpan.FromMilliseconds(20),
        Timeout = TimeSpan.FromMilliseconds(300),
    };

    private static HttpRequestException Status(HttpStatusCode code) => new("fault", null, code);

    [Fact]
    public async Task Transient_failures_are_retried_and_counted_until_an_answer_comes()
    {
        var inner = new ScriptedChatClient(Status(HttpStatusCode.TooManyRequests), Status(HttpStatusCode.InternalServerError), "hello");
        var stats = CallStats.Begin();
        var response = await new RetryingChatClient(inner, Fast).GetResponseAsync("hi");

        Assert.Equal("hello", response.Text);
        Assert.Equal(3, inner.Calls);
        Assert.Equal(2, stats.Retries);
        Assert.Equal(["HTTP 429", "HTTP 500"], stats.Faults);
    }

    [Fact]
    public async Task After_the_last_attempt_the_failure_names_its_reason_attempts_and_the_count_that_stopped_it()
    {
        var inner = new ScriptedChatClient(Status(HttpStatusCode.ServiceUnavailable));
        var failure = await Assert.ThrowsAsync<ProviderFailedException>(() => new RetryingChatClient(inner, Fast).GetResponseAsync("hi"));

        Assert.Equal(4, inner.Calls);
        Assert.Contains("HTTP 503 after 4 attempt(s): stopped by the retry count", failure.Message);
    }

    [Fact]
    public async Task The_time_budget_stops_retries_before_the_count_does()
    {
        // Each attempt takes 5 s and each backoff under 1 s (by a clock that moves only so): the third failure comes
        // more than 9 s after the first, so no fourth attempt starts, though the count would allow 100.
        var clock = new FakeClock();
        var inner = new ScriptedChatClient(Status(HttpStatusCode.ServiceUnavailable)) { OnCall = () => clock.Advance(TimeSpan.FromSeconds(5)) };
        var settings = Fast with { MaxAttempts = 100, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(1),
            RetryBudget = TimeSpan.FromSeconds(9) };
        var stats = CallStats.Begin();

        var failure = await Assert.ThrowsAsync<ProviderFailedException>(() => new RetryingChatClient(inner, settings, time: clock).GetResponseAsync("hi"));

        Assert.Equal(3, inner.Calls);
        Assert.Equal(2, stats.Retries);
        Assert.Contains("HTTP 503 after 3 attempt(s): stopped by the retry time budget", failure.Message);
        Assert.Contains("would pass 9 s", failure.Message);
    }

    [Fact]
    public async Task The_time_budget_also_bounds_a_stream()
    {
        var clock = new FakeClock();
        var inner = new ScriptedChatClient(Status(HttpStatusCode.TooManyRequests)) { OnCall = () => clock.Advance(TimeSpan.FromSeconds(5)) };
        var settings = Fast with { MaxAttempts = 100, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(1),
            RetryBudget = TimeSpan.FromSeconds(9) };

        var failure = await Assert.ThrowsAsync<ProviderFailedException>(async () =>
        {
            await foreach (var _ in new RetryingChatClient(inner, settings, time: clock).GetStreamingResponseAsync("hi")) { }
        });

        Assert.Equal(3, inner.Calls);
        Assert.Contains("HTTP 429 after 3 attempt(s): stopped by the retry time budget", failure.Message);
    }

    [Fact]
    public async Task Within_the_budget_retries_go_on_to_an_answer()
    {
        var clock = new FakeClock();
        var inner = new ScriptedChatClient(Status(HttpStatusCode.BadGateway), Status(HttpStatusCode.BadGateway), "at last")
        {
            OnCall = () => clock.Advance(TimeSpan.FromSeconds(5)),
        };
        var settings = Fast with { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(1), RetryBudget = TimeSpan.FromSeconds(12) };

        var response = await new RetryingChatClient(inner, settings, time: clock).GetResponseAsync("hi");

        Assert.Equal("at last", response.Text);
        Assert.Equal(3, inner.Calls);
    }

    [Fact]
    public async Task A_slow_attempt_times_out_and_is_retried()
    {
        var inner = new ScriptedChatClient(TimeSpan.FromSeconds(30), "quick");
        var stats = CallStats.Begin();
        var response = await new RetryingChatClient(inner, Fast).GetResponseAsync("hi");

        Assert.Equal("quick", response.Text);
        Assert.Equal(["timed out"], stats.Faults);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.NotFound)]
    public async Task Permanent_failures_are_not_retried(HttpStatusCode code)
    {
        var inner = new ScriptedChatClient(Status(code), "never");
        await Assert.ThrowsAsync<HttpRequestException>(() => new RetryingChatClient(inner, Fast).GetResponseAsync("hi"));
        Assert.Equal(1, inner.Calls);
    }

    [Fact]
    public async Task The_callers_own_cancellation_is_not_retried()
    {
        var inner = new ScriptedChatClient(TimeSpan.FromSeconds(30), "never");
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new RetryingChatClient(inner, Fast with { Timeout = TimeSpan.FromSeconds(10) }).GetResponseAsync("hi", cancellationToken: cts.Token));
        Assert.Equal(1, inner.Calls);
    }

    [Fact]
    public async Task A_stream_that_fails_before_its_first_update_is_retried()
    {
        var inner = new ScriptedChatClient(Status(HttpStatusCode.BadGateway), "streamed");
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in new RetryingChatClient(inner, Fast).GetStreamingResponseAsync("hi")) updates.Add(update);

        Assert.Equal("streamed", updates.ToChatResponse().Text);
        Assert.Equal(2, inner.Calls);
    }

    [Fact]
    public void Classification_separates_transient_from_permanent()
    {
        Assert.NotNull(RetryingChatClient.Classify(new TimeoutException(), default));
        Assert.NotNull(RetryingChatClient.Classify(new HttpRequestException("refused"), default));
        Assert.Null(RetryingChatClient.Classify(new InvalidOperationException(), default));
        Assert.Null(RetryingChatClient.Classify(new TimeoutException(), new CancellationToken(canceled: true)));
    }
}
