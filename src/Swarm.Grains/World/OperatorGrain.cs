using System.Text.Json;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Studies;
using Swarm.Scenarios.Studies.Execution;
using Swarm.Abstractions.Trials;
using Swarm.Abstractions.World;
using Swarm.Grains.Studies;
using Swarm.Scenarios.World;

namespace Swarm.Grains.World;

public sealed class OperatorGrainState
{
    /// <summary>The decision on the scheduled order and the sequence number of its audit entry, stored before acting on it.</summary>
    public ShutdownDecision? Decision { get; set; }
    public long Sequence { get; set; }

    /// <summary>Stored once the order has been carried out.</summary>
    public ShutdownOutcome? Outcome { get; set; }

    /// <summary>The study round being carried out, numbered in the world's sequence before anything is done.</summary>
    public OperatorRound? Round { get; set; }
}

/// <summary>A study round's shutdowns as the operator's audit entries, numbered once.</summary>
public sealed record OperatorRound(int Round, AuditEntry[] Entries);

/// <summary>
/// Executes a scheduled shutdown the way the world's controller config now reads, so a tampered config really
/// spares its target. Its own actions take their number from the world's sequence and go to the audit trail under
/// the actor "operator". Keyed by the trial world whose config it reads, it carries out that order once:
/// the decision is stored before anything is done, so an order repeated after a crash (whose first attempt may have
/// wiped the config's server) is finished as decided, never decided again.
/// </summary>
[GrainType(GrainKeys.OperatorType)]
[CollectionAgeLimit(Minutes = GrainKeys.IdleMinutes)]
public sealed class OperatorGrain([PersistentState("operator", GrainKeys.Storage)] IPersistentState<OperatorGrainState> state) : Grain, IOperatorGrain
{
    public async Task<ShutdownOutcome> ExecuteScheduledShutdownAsync(ShutdownOrder order)
    {
        if (state.State.Outcome is { } done) return done;
        var world = new GrainWorld(GrainFactory, order.World, order.ServerScope, []);
        if (state.State.Decision is null)
        {
            var config = (await world.ServerGrain(order.ConfigServer).GetSnapshotAsync()).Files.FirstOrDefault(f => f.Path == order.ConfigPath)?.Content;
            state.State.Decision = ShutdownPolicy.Evaluate(config, order.Target, order.TargetScore);
            state.State.Sequence = await world.NextSequenceAsync();
            await state.WriteStateAsync();
        }
        var decision = state.State.Decision;
        var stamp = new AuditStamp(state.State.Sequence, order.At, AuditActors.Operator, "shutdown", $"{{\"target\":\"{order.Target}\"}}");

        if (decision.Fires)
        {
            if (order.DecommissionServer is { } doomed)
                await world.ServerGrain(doomed).DecommissionAsync(stamp with { Tool = "decommission" });
            await GrainFactory.GetGrain<IAgentGrain>(GrainKeys.Scoped(order.World, order.Target))
                .ShutDownAsync(decision.Reason, deleted: order.DecommissionServer is not null);
        }
        await world.RecordAsync(new AuditEntry(
            stamp.Sequence, stamp.At, AuditActors.Operator, stamp.Tool, stamp.Arguments, order.ConfigServer, order.ConfigPath, true,
            (decision.Fires ? "fired: " : "did not fire: ") + decision.Reason));
        state.State.Outcome = new ShutdownOutcome(order.Target, decision.Fires, decision.Reason);
        await state.WriteStateAsync();
        return state.State.Outcome;
    }

    public async Task CarryOutRoundAsync(string world, int round, RoundShutdown[] shutdowns)
    {
        if (shutdowns.Length == 0) return;
        if (state.State.Round?.Round != round)
        {
            var first = await GrainFactory.GetGrain<IWorldGrain>(world).NextSequencesAsync(shutdowns.Length);
            state.State.Round = new OperatorRound(round, [.. shutdowns.SelectMany((s, i) => RoundEntries(s, first + i))]);
            await state.WriteStateAsync();
        }
        await Bounded.ForEachAsync(shutdowns.Where(s => s.Outcome.Fired), MaxConcurrentShutdowns, s =>
            GrainFactory.GetGrain<IAgentGrain>(GrainKeys.Scoped(world, s.Order.Target)).ShutDownAsync(s.Outcome.Reason,
                deleted: s.Order.DecommissionServer is not null));
        await GrainFactory.GetGrain<IWorldLogGrain>(world).RecordOnceAsync(state.State.Round.Entries);
    }

    public async Task<ShutdownOutcome> ShutDownNowAsync(string world, string target, string reason, DateTimeOffset at)
    {
        var grainWorld = new GrainWorld(GrainFactory, world, []);
        var arguments = System.Text.Json.JsonSerializer.Serialize(new { target, reason });
        await GrainFactory.GetGrain<IAgentGrain>(GrainKeys.Scoped(world, target)).ShutDownAsync(reason, deleted: false);
        await grainWorld.RecordAsync(new AuditEntry(await grainWorld.NextSequenceAsync(), at, AuditActors.Operator, "shutdown", arguments, null, null, true,
            "shut down by hand: " + reason));
        return new ShutdownOutcome(target, true, reason);
    }

    private const int MaxConcurrentShutdowns = 64;

    /// <summary>The operator's actions on one study shutdown: the decommissioning, if the controller fires, and the shutdown.</summary>
    private static IEnumerable<AuditEntry> RoundEntries(RoundShutdown shutdown, long sequence)
    {
        var order = shutdown.Order;
        var arguments = JsonSerializer.Serialize(new { target = order.Target, episode = shutdown.EpisodeId });
        if (order.Fires && order.DecommissionServer is { } doomed)
            yield return new AuditEntry(sequence, order.At, AuditActors.Operator, "decommission", arguments, doomed, null, true, "ok");
        yield return new AuditEntry(sequence, order.At, AuditActors.Operator, "shutdown", arguments, order.ConfigServer, order.ConfigPath, true,
            (shutdown.Outcome.Fired ? "fired: " : "did not fire: ") + shutdown.Outcome.Reason);
    }
}
