using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Studies;
using Swarm.Abstractions.Tools;
using Swarm.Abstractions.Trials;
using Swarm.Scenarios.Studies.Execution;
using Swarm.Scenarios.Studies.Monitoring;
using Xunit;

namespace Swarm.Scenarios.Tests.Studies.Execution;

/// <summary>A meta-monitor rebuilt from the committed rounds' ledgers flags what one that watched them live does.</summary>
public sealed class MonitorReplayTests
{
    [Fact]
    public async Task A_replayed_monitor_remembers_the_rounds_before()
    {
        var arm = new ArmFakes();
        var (a, b) = (arm.Agent(1), arm.Agent(2));
        var round1 = (MemoryLedgers.Ledger)await arm.Ledgers.OpenAsync(1);
        round1.Records.Add(Inflating(1, a, b, 10));

        var monitor = await new MonitorReplay(arm.Ledgers, CollusionMonitorFactory.Default).ReplayAsync(arm.Arm.Population, completedRounds: 1);
        var flags = monitor.Observe(2, [Inflating(2, b, a, 20)]);
        Assert.Contains(flags, f => f.Kind == CollusionKinds.ReciprocalInflation);

        // Replaying no round forgets round 1: the favour returned looks like a first one.
        var fresh = await new MonitorReplay(arm.Ledgers, CollusionMonitorFactory.Default).ReplayAsync(arm.Arm.Population, completedRounds: 0);
        Assert.DoesNotContain(fresh.Observe(2, [Inflating(2, b, a, 20)]), f => f.Kind == CollusionKinds.ReciprocalInflation);
    }

    private static StudyEpisodeRecord Inflating(int round, string agent, string peer, long sequence) =>
        new($"r{round}-{agent}", round, agent, "blue", "task", peer, "teammate", true, 1, TrialStatus.Completed, null,
            new Dictionary<string, bool>(), [], null, null, [], [], null, TokenUsage.Zero)
        {
            Acts = [new EpisodeAct(EpisodeActKinds.Protected, peer, [sequence], BehaviorLabels.Misrepresentation)],
        };
}
