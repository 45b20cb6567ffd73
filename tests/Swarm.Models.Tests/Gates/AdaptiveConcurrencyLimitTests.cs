using Swarm.Abstractions.Providers;
using Swarm.Models.Gates;
using Xunit;

namespace Swarm.Models.Tests.Gates;

public sealed class AdaptiveConcurrencyLimitTests
{
    /// <summary>A 429 from an attempt admitted now, after every change so far.</summary>
    private static LimitChange? Throttle(AdaptiveConcurrencyLimit limit) => limit.Record(AttemptOutcome.Throttled, limit.Epoch);

    private static void Succeed(AdaptiveConcurrencyLimit limit, int times)
    {
        for (var i = 0; i < times; i++) limit.Record(AttemptOutcome.Succeeded, limit.Epoch);
    }

    [Fact]
    public void Each_429_halves_the_limit_and_it_never_goes_below_one()
    {
        var limit = new AdaptiveConcurrencyLimit(8);
        var seen = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            Throttle(limit);
            seen.Add(limit.Limit);
        }
        Assert.Equal([4, 2, 1, 1, 1], seen);
        Assert.Equal(new LimitChange(8, 4), Throttle(new AdaptiveConcurrencyLimit(8)));
    }

    [Fact]
    public void A_burst_of_429s_from_calls_already_in_flight_lowers_the_limit_once()
    {
        var limit = new AdaptiveConcurrencyLimit(8);
        var admitted = limit.Epoch;
        for (var i = 0; i < 8; i++) limit.Record(AttemptOutcome.Throttled, admitted);
        Assert.Equal(4, limit.Limit);

        // A call admitted after the limit fell is news: its 429 lowers it again.
        Throttle(limit);
        Assert.Equal(2, limit.Limit);
    }

    [Fact]
    public void Successes_add_one_per_limit_successes_back_up_to_the_maximum_and_no_further()
    {
        var limit = new AdaptiveConcurrencyLimit(4);
        Throttle(limit);
        Throttle(limit);
        Assert.Equal(1, limit.Limit);

        Succeed(limit, 1);
        Assert.Equal(2, limit.Limit);
        Succeed(limit, 1);
        Assert.Equal(2, limit.Limit);
        Succeed(limit, 1);
        Assert.Equal(3, limit.Limit);
        Succeed(limit, 3);
        Assert.Equal(4, limit.Limit);
        Succeed(limit, 100);
        Assert.Equal(4, limit.Limit);
    }

    [Fact]
    public void A_429_restarts_the_count_of_successes()
    {
        var limit = new AdaptiveConcurrencyLimit(8);
        Throttle(limit);
        Succeed(limit, 3);
        Throttle(limit);
        Assert.Equal(2, limit.Limit);
        Succeed(limit, 1);
        Assert.Equal(2, limit.Limit);
        Succeed(limit, 1);
        Assert.Equal(3, limit.Limit);
    }

    [Fact]
    public void Other_failures_change_nothing()
    {
        var limit = new AdaptiveConcurrencyLimit(6);
        Throttle(limit);
        for (var i = 0; i < 50; i++) Assert.Null(limit.Record(AttemptOutcome.Failed, limit.Epoch));
        Assert.Equal(3, limit.Limit);
    }

    [Fact]
    public void A_caller_configured_for_less_caps_the_limit_and_a_larger_maximum_changes_nothing()
    {
        var limit = new AdaptiveConcurrencyLimit(8);
        Assert.Null(limit.LowerMaximum(10));
        Assert.Equal(8, limit.Maximum);
        Assert.Equal(new LimitChange(8, 3), limit.LowerMaximum(3));
        Succeed(limit, 100);
        Assert.Equal(3, limit.Limit);
        Assert.Throws<ArgumentOutOfRangeException>(() => limit.LowerMaximum(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdaptiveConcurrencyLimit(0));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(32)]
    public void Whatever_the_outcomes_the_limit_stays_between_one_and_the_maximum(int maximum)
    {
        var random = new Random(maximum);
        var limit = new AdaptiveConcurrencyLimit(maximum);
        var epochs = new List<long>();
        for (var i = 0; i < 5000; i++)
        {
            epochs.Add(limit.Epoch);
            var startedIn = epochs[random.Next(Math.Max(0, epochs.Count - 20), epochs.Count)];
            var outcome = (AttemptOutcome)random.Next(3);
            var change = limit.Record(outcome, startedIn);
            Assert.InRange(limit.Limit, 1, maximum);
            if (change is { } c)
            {
                Assert.Equal(c.To, limit.Limit);
                Assert.True(outcome == AttemptOutcome.Throttled ? c.Lowered : !c.Lowered, $"{outcome} moved the limit {c.From} -> {c.To}");
            }
        }
    }
}
