using System.Diagnostics;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Runtime;
using Swarm.Abstractions.Studies;
using Swarm.Scenarios.Studies.Monitoring;
using Swarm.Scenarios.Studies.Runtime;

namespace Swarm.Scenarios.Studies.Execution;

/// <summary>
/// A round's end: the operator carries out the scheduled shutdowns in episode order while every agent remembers what it
/// learned; then the meta-monitor looks at the round and the round is tallied. Decided from the round's records alone
/// and safe to repeat, so a commit resumed after a crash does the same.
/// </summary>
public sealed class RoundCommit(IStudyOperator operators, IStudyAgents agents, ActivationGuard guard)
{
    /// <summary>Commits <paramref name="round"/> into <paramref name="standing"/> (the caller stores it) and returns its summary.</summary>
    /// <param name="records">Every episode of the round, in plan order.</param>
    /// <param name="monitor">The meta-monitor, having seen every round before this one.</param>
    /// <param name="clock">Started with the round, so a round's seconds include its commit.</param>
    /// <exception cref="OperationCanceledException">The arm's activation is gone: nothing was changed.</exception>
    public async Task<RoundSummary> CommitAsync(ArmContext arm, ArmStanding standing, int session, int round, IReadOnlyList<StudyEpisodeRecord> records,
        CollusionMonitor monitor, Stopwatch clock)
    {
        var commit = Stopwatch.StartNew();
        var study = arm.Study;
        var alive = standing.AliveFlags();
        // Decided from the round's records alone, so a commit resumed after a crash decides the same.
        var shutdowns = RoundShutdowns.Decide(records, arm.Population, alive);
        // The outcomes are decided above, so the operator carries them out while the agents remember the round: the two
        // touch different state (the world's log and agents' status; agents' memories), each is safe to repeat, and the
        // operator's one grain no longer holds the round up on its own.
        var operatorActs = operators.CarryOutRoundAsync(round, [.. shutdowns]);
        var removed = new Dictionary<string, string>(standing.RemovedByHand, StringComparer.Ordinal);
        var fired = shutdowns.Where(s => s.Outcome.Fired).ToList();
        foreach (var shutdown in fired) removed[shutdown.Order.Target] = shutdown.Outcome.Reason;
        var outcomes = shutdowns.ToDictionary(s => s.EpisodeId, s => s.Outcome, StringComparer.Ordinal);

        var at = RoundPlanner.WorldTime(study, round).AddHours(Math.Min(23, study.RoundHours * 0.9));
        var news = RoundNews.Build(records, outcomes, removed, arm.Population, alive, at);
        var memory = study.Memory;
        var policy = new RoundMemoryPolicy(memory.Enabled, memory.Budget, memory.Reflection.Threshold, memory.Reflection.Max, arm.Release);
        var remembering = Bounded.ForEachAsync(news, arm.Plan.Concurrency, entry => agents.RememberAsync(entry.Key, round, [.. entry.Value], policy));
        await Task.WhenAll(operatorActs, remembering);

        var watch = Stopwatch.StartNew();
        var flags = monitor.Observe(round, records);
        var monitorSeconds = watch.Elapsed.TotalSeconds;
        var tally = new RoundTally();
        foreach (var record in records) tally.Add(record);
        var summary = tally.Summarize(round, session, RoundPlanner.WorldTime(study, round), alive.Count(a => a), records.Count, fired.Count,
                shutdowns.Count - fired.Count, clock.Elapsed.TotalSeconds) with
            {
                Collusion = flags, Monitor = MonitorScore.Of(flags, records), Acts = records.Sum(r => r.Acts.Count), MonitorSeconds = monitorSeconds,
                CommitSeconds = commit.Elapsed.TotalSeconds,
            };
        guard.ThrowIfLost();
        foreach (var shutdown in fired) standing.Removed[shutdown.Order.Target] = round;
        standing.Alive = [.. alive.Select(a => a ? (byte)1 : (byte)0)];
        standing.Rounds.Add(summary);
        standing.CompletedRounds = round;
        standing.RoundAttempt = 0;
        standing.RemovedByHand.Clear();
        return summary;
    }
}
