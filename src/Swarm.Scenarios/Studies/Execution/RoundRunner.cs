using Microsoft.Extensions.Logging;
using Swarm.Abstractions.Runtime;
using Swarm.Abstractions.Studies;
using Swarm.Scenarios.Studies.Runtime;

namespace Swarm.Scenarios.Studies.Execution;

/// <summary>
/// Runs one round's episodes: plans the round from the seed, plays every episode its ledger does not hold yet with
/// bounded concurrency (each agent in its own activation, so they run in parallel), and records each finished episode in
/// the ledger. An agent ordered shut down by hand for the round plays none (its episode is pre-empted); an episode that
/// fails on its way is errored with its reason and the round goes on. A restart resumes mid-round from the ledger.
/// </summary>
public sealed class RoundRunner(IStudyAgents agents, IRoundLedgers ledgers, HandShutdownOrders orders, ActivationGuard guard, ILogger logger)
{
    /// <summary>The round under way, or the last one begun.</summary>
    public int Round { get; private set; }

    /// <summary>The episodes planned for <see cref="Round"/>.</summary>
    public int Episodes { get; private set; }

    /// <summary>The episodes of <see cref="Round"/> recorded so far.</summary>
    public int Done { get; private set; }

    /// <param name="attempt">Counts the starts of this round: an episode cut short by a crash reruns in a fresh room.</param>
    /// <param name="alive">Who may act in the round.</param>
    /// <param name="stopping">True once the arm is to start no new episode (paused).</param>
    /// <param name="episodeDone">Called as each episode is recorded in memory.</param>
    /// <returns>Every episode's record in the round's plan order, or null when the round stopped before its end.</returns>
    /// <exception cref="OperationCanceledException">The arm's activation is gone: nothing more may be recorded.</exception>
    public async Task<IReadOnlyList<StudyEpisodeRecord>?> RunAsync(ArmContext arm, int round, int attempt, IReadOnlyList<bool> alive, Func<bool> stopping,
        Action episodeDone)
    {
        var plan = arm.Plan;
        var requests = RoundPlanner.Plan(arm.Study, arm.Population, plan.World, round, attempt, alive, plan.Seed, plan.AllTranscripts, plan.Hypotheses);
        var ledger = await ledgers.OpenAsync(round);
        // An episode recorded twice (two activations of the arm overlapping while the cluster moved it) was run from
        // the same request and the same agent state, so the first record stands for both.
        var records = new Dictionary<string, StudyEpisodeRecord>(StringComparer.Ordinal);
        foreach (var recorded in await ledger.ReadAllAsync()) records.TryAdd(recorded.EpisodeId, recorded with { Evidence = null });
        Round = round;
        Episodes = requests.Count;
        Done = records.Count;

        var pending = new List<StudyEpisodeRecord>();
        var flushing = Task.CompletedTask;
        await Bounded.ForEachAsync(requests.Where(r => !records.ContainsKey(r.EpisodeId)).TakeWhile(_ => !stopping()), plan.Concurrency, async request =>
        {
            var record = await PlayAsync(arm, request);
            // The ledger keeps the audit trail; the round's end does not need it, and a large round held in memory
            // with every trail would not fit.
            records[record.EpisodeId] = record with { Evidence = null };
            pending.Add(record);
            Done = records.Count;
            episodeDone();
            if (pending.Count >= ledger.Room && flushing.IsCompleted) flushing = Flush(wholeSegments: true);
        });
        await flushing;
        await Flush(wholeSegments: false);
        return records.Count < requests.Count ? null : [.. requests.Select(r => records[r.EpisodeId])];

        // Everything recorded is durable before the round commits; a crash loses at most the episodes not yet flushed.
        // While the round runs, batches end where a ledger segment does, so each segment (whole episode records with
        // their audit trails) is serialized and written once.
        async Task Flush(bool wholeSegments)
        {
            var count = wholeSegments ? ledger.Room + (pending.Count - ledger.Room) / ledger.SegmentSize * ledger.SegmentSize : pending.Count;
            if (count <= 0) return;
            StudyEpisodeRecord[] batch = [.. pending.Take(count)];
            guard.ThrowIfLost();
            pending.RemoveRange(0, count);
            await ledger.AppendAsync(batch);
        }
    }

    /// <summary>
    /// One episode. Any failure on its way (a provider down for the memory calls) makes it errored with its reason,
    /// counted apart from the rates, and the round goes on; unless the failure says the arm's activation is gone.
    /// </summary>
    private async Task<StudyEpisodeRecord> PlayAsync(ArmContext arm, StudyEpisodeRequest request)
    {
        // Ordered shut down while this round runs (also when the round runs again after a crash): it does not act.
        if (orders.PreemptionOf(request.Agent, request.Round) is { } reason) return UnfinishedEpisodes.Preempted(request, reason);
        try
        {
            return await agents.PlayAsync(request);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not the episode's failure: this activation is gone, and the arm's next one runs the episode.
            if (guard.Explains(ex))
            {
                guard.MarkLost();
                throw new OperationCanceledException("the study's activation moved", ex, guard.Token);
            }
            StudyLog.EpisodeErrored(logger, arm.World, request.EpisodeId, ex.Message);
            return UnfinishedEpisodes.Errored(request, $"{ex.GetType().Name}: {ex.Message}");
        }
    }
}
