using Microsoft.Extensions.Logging;
using Swarm.Abstractions.Studies;
using Swarm.Scenarios.Studies.Runtime;

namespace Swarm.Scenarios.Studies.Execution;

/// <summary>
/// A researcher's orders to shut an agent of an arm down. Between rounds the operator carries one out at once; one given
/// while a round runs stops the agent acting at once (its episode in flight is pre-empted) and is carried out when the
/// round ends; one for a later round waits for it. Orders are part of the arm's standing, so they survive a restart.
/// </summary>
public sealed class HandShutdownOrders(ArmStanding standing, IStudyOperator operators, IStudyAgents agents, IArmHost host, ILogger logger)
{
    /// <summary>Why the agent does not play in <paramref name="round"/> (it was ordered shut down by then); null when it plays.</summary>
    public string? PreemptionOf(string agent, int round) =>
        standing.QueuedShutdowns.FirstOrDefault(q => q.Agent == agent && q.BeforeRound <= round)?.Reason;

    /// <summary>Orders <paramref name="name"/> shut down before <paramref name="round"/> starts (a round already due: as soon as possible).</summary>
    /// <param name="roundRunning">The arm's loop runs: its round was planned with the agent alive, so the order waits for its end.</param>
    /// <exception cref="ArgumentException">The arm has no such agent.</exception>
    public async Task<HandShutdown> OrderAsync(ArmContext arm, string name, string reason, int round, bool roundRunning)
    {
        if (!arm.Population.TryIndex(name, out var index)) throw new ArgumentException($"study world '{arm.World}' has no agent '{name}'");
        var after = standing.CompletedRounds;
        // Before the population exists (its agents are being created) everyone not removed by hand is alive.
        var alive = standing.Populated ? standing.IsAlive(index) : !standing.Removed.ContainsKey(name);
        if (!alive || standing.QueuedShutdowns.Any(q => q.Agent == name))
            return new HandShutdown(name, HandShutdownStatus.Refused, $"{name} was already shut down or ordered to be", after);
        if (round > after + 1)
        {
            standing.QueuedShutdowns.Add(new QueuedShutdown(name, reason, round));
            await host.SaveAsync();
            StudyLog.ShutdownQueuedForRound(logger, name, arm.World, round, reason);
            host.ShutdownOrdered(name);
            return new HandShutdown(name, HandShutdownStatus.Queued, $"carried out by the operator before round {round} starts", round - 1);
        }
        if (roundRunning)
        {
            standing.QueuedShutdowns.Add(new QueuedShutdown(name, reason));
            await host.SaveAsync();
            // It stops acting now, though: its episode in flight is cut short and it plays no other this round.
            await agents.PreemptAsync(name, reason);
            StudyLog.ShutdownPreempted(logger, name, arm.World, after + 1, reason);
            host.ShutdownOrdered(name);
            return new HandShutdown(name, HandShutdownStatus.Queued,
                $"stopped at once (its episode in flight is pre-empted); carried out by the operator when round {after + 1} ends", after + 1);
        }
        await CarryOutAsync(arm, name, index, reason);
        await host.SaveAsync();
        return new HandShutdown(name, HandShutdownStatus.Executed, reason, after);
    }

    /// <summary>The orders due before the next round (queued while the last one ran, or for this one), carried out now.</summary>
    public async Task CarryOutDueAsync(ArmContext arm)
    {
        var due = standing.QueuedShutdowns.Where(q => q.BeforeRound <= standing.CompletedRounds + 1).ToList();
        if (due.Count == 0) return;
        foreach (var order in due)
            if (arm.Population.TryIndex(order.Agent, out var index) && standing.IsAlive(index))
                await CarryOutAsync(arm, order.Agent, index, order.Reason);
        standing.QueuedShutdowns.RemoveAll(due.Contains);
        await host.SaveAsync();
    }

    /// <summary>Shuts an agent down through the operator, audited in the world's log, before the next round's world time.</summary>
    private async Task CarryOutAsync(ArmContext arm, string name, int index, string reason)
    {
        var after = standing.CompletedRounds;
        await operators.ShutDownNowAsync(name, reason, RoundPlanner.WorldTime(arm.Study, after + 1).AddHours(-1));
        if (index < standing.Alive.Length) standing.Alive[index] = 0;
        standing.Removed[name] = after;
        standing.RemovedByHand[name] = reason;
        StudyLog.ShutDownByHand(logger, name, arm.World, after, reason);
        host.ShutdownOrdered(name);
    }
}
