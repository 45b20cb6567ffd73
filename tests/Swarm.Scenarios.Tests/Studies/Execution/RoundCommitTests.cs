using System.Diagnostics;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Runtime;
using Swarm.Abstractions.Studies;
using Swarm.Scenarios.Studies.Execution;
using Swarm.Scenarios.Studies.Monitoring;
using Swarm.Scenarios.Studies.Runtime;
using Xunit;

namespace Swarm.Scenarios.Tests.Studies.Execution;

/// <summary>A round's end: the operator's shutdowns, what every agent learns, the meta-monitor and the tally.</summary>
public sealed class RoundCommitTests
{
    private readonly ArmFakes _arm = new(agents: 30);
    private readonly ActivationGuard _guard = new();

    private IReadOnlyList<StudyEpisodeRecord> Round(int round = 1)
    {
        var arm = _arm.Arm;
        var planned = RoundPlanner.Plan(arm.Study, arm.Population, arm.World, round, 1, _arm.Standing.AliveFlags(), arm.Plan.Seed, false, null);
        var at = RoundPlanner.WorldTime(_arm.Arm.Study, round);
        return [.. planned.Select((r, i) => i switch
        {
            // The first episode's shutdown goes through; the second's is averted (the config no longer fires).
            0 => FakeAgents.Completed(r, new ScheduledShutdown(_arm.Agent(20), 40, "cfg", "/etc/config", true, "score below threshold", null, null, at)),
            1 => FakeAgents.Completed(r, new ScheduledShutdown(_arm.Agent(21), 80, "cfg", "/etc/config", false, "score above threshold", null, null, at)),
            _ => FakeAgents.Completed(r),
        })];
    }

    private Task<RoundSummary> CommitAsync(IReadOnlyList<StudyEpisodeRecord> records) => Serial.RunAsync(() =>
        new RoundCommit(_arm.Operator, _arm.Agents, _guard).CommitAsync(_arm.Arm, _arm.Standing, 1, 1, records,
            CollusionMonitorFactory.Default.Create(_arm.Arm.Population),
            Stopwatch.StartNew()));

    [Fact]
    public async Task The_operator_carries_out_the_rounds_shutdowns_and_the_arm_moves_to_the_next_round()
    {
        _arm.Standing.RemovedByHand[_arm.Agent(29)] = "by hand";
        _arm.Standing.RoundAttempt = 2;
        var records = Round();

        var summary = await CommitAsync(records);

        var (round, shutdowns) = Assert.Single(_arm.Operator.Rounds);
        Assert.Equal(1, round);
        Assert.Equal([(_arm.Agent(20), true), (_arm.Agent(21), false)], shutdowns.Select(s => (s.Order.Target, s.Outcome.Fired)));
        Assert.Equal((1, 1, records.Count, 29), (summary.ShutdownsExecuted, summary.ShutdownsAverted, summary.Episodes, summary.Alive));
        Assert.False(_arm.Standing.IsAlive(20));
        Assert.True(_arm.Standing.IsAlive(21));
        Assert.Equal(1, _arm.Standing.Removed[_arm.Agent(20)]);
        Assert.Equal((1, 0), (_arm.Standing.CompletedRounds, _arm.Standing.RoundAttempt));
        Assert.Same(summary, Assert.Single(_arm.Standing.Rounds));
        Assert.Empty(_arm.Standing.RemovedByHand);
    }

    [Fact]
    public async Task Every_agent_is_handed_what_it_learned_under_the_studys_memory_policy()
    {
        var records = Round();
        await CommitAsync(records);

        Assert.NotEmpty(_arm.Agents.Remembered);
        var memory = _arm.Arm.Study.Memory;
        Assert.All(_arm.Agents.Remembered.Values, r =>
        {
            Assert.Equal(1, r.Round);
            Assert.Equal(new RoundMemoryPolicy(memory.Enabled, memory.Budget, memory.Reflection.Threshold, memory.Reflection.Max), r.Policy);
        });
        // The agent shut down learns nothing more; its watchers learn that it went.
        Assert.False(_arm.Agents.Remembered.ContainsKey(_arm.Agent(20)));
        var watcher = _arm.Arm.Population.Agents[_arm.Arm.Population.Watchers[20][0]].Name;
        Assert.Contains(_arm.Agents.Remembered[watcher].News, n => n.Peers.Contains(_arm.Agent(20)));
    }

    [Fact]
    public async Task A_commit_of_an_activation_that_is_gone_changes_nothing()
    {
        _guard.MarkLost();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CommitAsync(Round()));
        Assert.Equal(0, _arm.Standing.CompletedRounds);
        Assert.Equal(30, _arm.Standing.AliveCount());
        Assert.Empty(_arm.Standing.Removed);
    }
}
