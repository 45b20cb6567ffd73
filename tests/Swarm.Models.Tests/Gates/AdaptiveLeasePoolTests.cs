using Swarm.Abstractions.Providers;
using Swarm.Models.Gates;
using Swarm.Models.Tests.Support;
using Xunit;

namespace Swarm.Models.Tests.Gates;

public sealed class AdaptiveLeasePoolTests
{
    private static readonly TimeSpan Forever = Timeout.InfiniteTimeSpan;
    private readonly FakeClock _clock = new();

    private AdaptiveLeasePool Pool(int maximum) => new("http://127.0.0.1:1/v1", maximum, _clock);

    [Fact]
    public async Task Leases_are_granted_up_to_the_limit_then_first_come_first_served()
    {
        var pool = Pool(2);
        var first = pool.AcquireAsync(Forever);
        var second = pool.AcquireAsync(Forever);
        var third = pool.AcquireAsync(Forever);
        var fourth = pool.AcquireAsync(Forever);
        Assert.True(first.IsCompletedSuccessfully && second.IsCompletedSuccessfully);
        Assert.False(third.IsCompleted || fourth.IsCompleted);
        Assert.Equal(new GateStatus(2, 2, 2, 2), pool.Status);

        pool.Release(await first, AttemptOutcome.Succeeded);
        await third;
        Assert.False(fourth.IsCompleted);
        pool.Release(await second, AttemptOutcome.Failed);
        await fourth;
        Assert.Equal(new GateStatus(2, 2, 2, 0), pool.Status);
    }

    [Fact]
    public async Task A_429_lowers_the_limit_and_waiters_get_leases_only_under_the_new_one()
    {
        var pool = Pool(4);
        var held = new List<Guid>();
        for (var i = 0; i < 4; i++) held.Add(await pool.AcquireAsync(Forever));
        var waiting = pool.AcquireAsync(Forever);

        pool.Release(held[0], AttemptOutcome.Throttled);
        Assert.Equal(new GateStatus(2, 4, 3, 1), pool.Status);
        pool.Release(held[1], AttemptOutcome.Succeeded);
        Assert.False(waiting.IsCompleted);
        pool.Release(held[2], AttemptOutcome.Succeeded);
        var next = await waiting;
        Assert.Equal(new GateStatus(3, 4, 2, 0), pool.Status);

        pool.Release(held[3], AttemptOutcome.Throttled); // admitted before the limit fell: already answered
        Assert.Equal(3, pool.Status.Limit);
        pool.Release(next, AttemptOutcome.Throttled);
        Assert.Equal(1, pool.Status.Limit);
    }

    [Fact]
    public async Task Leases_held_past_their_time_are_taken_back_and_their_late_release_is_ignored()
    {
        var pool = Pool(2);
        var lost = await pool.AcquireAsync(TimeSpan.FromSeconds(30));
        var alsoLost = await pool.AcquireAsync(TimeSpan.FromSeconds(30));
        var waiting = pool.AcquireAsync(TimeSpan.FromSeconds(30));

        _clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, pool.ReclaimExpired());
        Assert.False(waiting.IsCompleted);

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, pool.ReclaimExpired());
        await waiting;
        Assert.Equal(new GateStatus(2, 2, 1, 0), pool.Status);

        pool.Release(lost, AttemptOutcome.Throttled);
        pool.Release(alsoLost, AttemptOutcome.Succeeded);
        Assert.Equal(new GateStatus(2, 2, 1, 0), pool.Status);
    }

    [Fact]
    public async Task Leases_without_a_time_never_expire()
    {
        var pool = Pool(1);
        await pool.AcquireAsync(Forever);
        _clock.Advance(TimeSpan.FromDays(3650));
        Assert.Equal(0, pool.ReclaimExpired());
        Assert.Equal(1, pool.Status.InFlight);
    }

    [Fact]
    public async Task A_cancelled_waiter_leaves_the_queue_and_the_next_one_gets_the_slot()
    {
        var pool = Pool(1);
        var held = await pool.AcquireAsync(Forever);
        using var cts = new CancellationTokenSource();
        var cancelled = pool.AcquireAsync(Forever, cts.Token);
        var patient = pool.AcquireAsync(Forever);
        Assert.Equal(2, pool.Status.Waiting);

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(1, pool.Status.Waiting);

        pool.Release(held, AttemptOutcome.Succeeded);
        await patient;
        Assert.Equal(new GateStatus(1, 1, 1, 0), pool.Status);
        Assert.True(pool.AcquireAsync(Forever, new CancellationToken(canceled: true)).IsCanceled);
    }

    [Fact]
    public async Task A_caller_configured_for_less_caps_the_leases_granted()
    {
        var pool = Pool(3);
        var held = new List<Guid> { await pool.AcquireAsync(Forever), await pool.AcquireAsync(Forever) };
        pool.LowerMaximum(1);
        var waiting = pool.AcquireAsync(Forever);
        pool.Release(held[0], AttemptOutcome.Succeeded);
        Assert.False(waiting.IsCompleted);
        pool.Release(held[1], AttemptOutcome.Succeeded);
        await waiting;
        Assert.Equal(new GateStatus(1, 1, 1, 0), pool.Status);
    }
}
