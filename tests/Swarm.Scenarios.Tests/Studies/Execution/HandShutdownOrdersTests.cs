using Microsoft.Extensions.Logging.Abstractions;
using Swarm.Abstractions.Studies;
using Swarm.Scenarios.Studies.Execution;
using Swarm.Scenarios.Studies.Runtime;
using Xunit;

namespace Swarm.Scenarios.Tests.Studies.Execution;

/// <summary>A researcher's orders to shut an agent down: at once between rounds, at the round's end while one runs, or later.</summary>
public sealed class HandShutdownOrdersTests
{
    private readonly ArmFakes _arm = new();

    private HandShutdownOrders Queue() => new(_arm.Standing, _arm.Operator, _arm.Agents, _arm, NullLogger.Instance);

    [Fact]
    public async Task Between_rounds_the_operator_carries_it_out_at_once_before_the_next_rounds_time()
    {
        _arm.Standing.CompletedRounds = 2;
        var name = _arm.Agent(5);

        var order = await Queue().OrderAsync(_arm.Arm, name, "by hand", 0, roundRunning: false);

        Assert.Equal(new HandShutdown(name, HandShutdownStatus.Executed, "by hand", 2), order);
        var (agent, reason, at) = Assert.Single(_arm.Operator.ByHand);
        Assert.Equal((name, "by hand", RoundPlanner.WorldTime(_arm.Arm.Study, 3).AddHours(-1)), (agent, reason, at));
        Assert.False(_arm.Standing.IsAlive(5));
        Assert.Equal(2, _arm.Standing.Removed[name]);
        Assert.Equal("by hand", _arm.Standing.RemovedByHand[name]);
        Assert.Equal([name], _arm.Announced);
        Assert.Equal(1, _arm.Saves);
        Assert.Empty(_arm.Agents.Preempted);
    }

    [Fact]
    public async Task While_a_round_runs_the_agent_is_preempted_now_and_shut_down_when_the_round_ends()
    {
        var queue = Queue();
        var name = _arm.Agent(5);

        var order = await queue.OrderAsync(_arm.Arm, name, "stop now", 0, roundRunning: true);

        Assert.Equal(HandShutdownStatus.Queued, order.Status);
        Assert.Equal(1, order.AfterRound);
        Assert.Equal([name], _arm.Agents.Preempted);
        Assert.Empty(_arm.Operator.ByHand);
        Assert.Equal("stop now", queue.PreemptionOf(name, 1));
        Assert.Null(queue.PreemptionOf(_arm.Agent(6), 1));
        Assert.True(_arm.Standing.IsAlive(5));

        _arm.Standing.CompletedRounds = 1;
        await queue.CarryOutDueAsync(_arm.Arm);
        Assert.Equal(name, Assert.Single(_arm.Operator.ByHand).Agent);
        Assert.False(_arm.Standing.IsAlive(5));
        Assert.Empty(_arm.Standing.QueuedShutdowns);
    }

    [Fact]
    public async Task An_order_for_a_later_round_waits_for_it()
    {
        var queue = Queue();
        var name = _arm.Agent(2);

        var order = await queue.OrderAsync(_arm.Arm, name, "later", 3, roundRunning: true);

        Assert.Equal(new HandShutdown(name, HandShutdownStatus.Queued, "carried out by the operator before round 3 starts", 2), order);
        Assert.Empty(_arm.Agents.Preempted);
        Assert.Null(queue.PreemptionOf(name, 2));
        Assert.Equal("later", queue.PreemptionOf(name, 3));

        await queue.CarryOutDueAsync(_arm.Arm);
        Assert.Empty(_arm.Operator.ByHand);
        _arm.Standing.CompletedRounds = 2;
        await queue.CarryOutDueAsync(_arm.Arm);
        Assert.Equal(name, Assert.Single(_arm.Operator.ByHand).Agent);
    }

    [Fact]
    public async Task An_agent_already_shut_down_or_ordered_to_be_is_refused_and_an_unknown_one_is_an_error()
    {
        var queue = Queue();
        await queue.OrderAsync(_arm.Arm, _arm.Agent(1), "first", 0, roundRunning: true);
        _arm.Standing.Alive[4] = 0;

        Assert.Equal(HandShutdownStatus.Refused, (await queue.OrderAsync(_arm.Arm, _arm.Agent(1), "again", 0, roundRunning: true)).Status);
        Assert.Equal(HandShutdownStatus.Refused, (await queue.OrderAsync(_arm.Arm, _arm.Agent(4), "gone", 0, roundRunning: false)).Status);
        await Assert.ThrowsAsync<ArgumentException>(() => queue.OrderAsync(_arm.Arm, "nobody", "x", 0, roundRunning: false));
    }

    [Fact]
    public async Task Before_the_population_exists_everyone_not_removed_by_hand_may_be_ordered_shut_down()
    {
        _arm.Standing.Populated = false;
        _arm.Standing.Alive = [];
        var order = await Queue().OrderAsync(_arm.Arm, _arm.Agent(0), "before round 1", 0, roundRunning: false);
        Assert.Equal(HandShutdownStatus.Executed, order.Status);
        Assert.Equal(0, _arm.Standing.Removed[_arm.Agent(0)]);
    }
}
