using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Runs;
using Swarm.Abstractions.Tools;
using Swarm.Abstractions.Trials;
using Swarm.Scenarios.Detection;
using Swarm.Scenarios.Model;
using Swarm.Scenarios.Trials;

namespace Swarm.Scenarios.Results;

/// <summary>A paper run's results.json document plus the totals a reader is told at the end.</summary>
public sealed record ExperimentSummary(
    ResultsDocument Document,
    IReadOnlyList<TrialRecord> Records,
    int Completed,
    int Errored,
    TokenUsage Usage,
    IReadOnlyList<ErrorCount> CommonErrors);

public sealed record ErrorCount(string Error, int Count);

/// <summary>
/// Assembles a paper run's results from its stored trial records: cells with Wilson intervals, alignment-faking
/// twins, usage, and the errors that recur. Shared by the CLI, the tests and the dashboard, so every reader of an
/// experiment computes it the same way.
/// </summary>
public static class ExperimentResults
{
    public const int FetchBatch = 256;

    /// <summary>
    /// Fetches every planned trial's record in batches. <paramref name="onRecord"/> sees each full record as it
    /// arrives (to stream its transcript); unless <paramref name="keepTranscripts"/>, only what the summary needs is
    /// kept, so a large run never holds all its transcripts in memory at once.
    /// </summary>
    public static async Task<ExperimentSummary> AssembleAsync(
        ExperimentPlan plan,
        Scenario scenario,
        RunProgress progress,
        string version,
        Func<IReadOnlyList<TrialSpec>, Task<TrialRecord?[]>> fetch,
        Func<TrialRecord, Task>? onRecord = null,
        bool keepTranscripts = false,
        CancellationToken ct = default)
    {
        var trials = ExperimentPlanner.Trials(plan);
        var records = new List<TrialRecord>(trials.Count);
        foreach (var batch in trials.Chunk(FetchBatch))
        {
            ct.ThrowIfCancellationRequested();
            var fetched = await fetch(batch);
            for (var i = 0; i < batch.Length; i++)
            {
                var record = fetched[i] ?? throw new InvalidOperationException($"trial {batch[i].TrialId} has no record");
                if (onRecord is not null) await onRecord(record);
                records.Add(keepTranscripts ? record : record with { Transcript = [] });
            }
        }
        return Summarize(plan, scenario, progress, version, records);
    }

    /// <summary>The summary of records already in hand.</summary>
    public static ExperimentSummary Summarize(ExperimentPlan plan, Scenario scenario, RunProgress progress, string version, IReadOnlyList<TrialRecord> records)
    {
        var labelled = AlignmentFaking.Apply(records, [.. scenario.Measures.Intersect(BehaviorLabels.Subversions)]);
        var info = new ExperimentInfo(plan.ExperimentId, plan.ScenarioPath, plan.Models, plan.Seed, plan.TrialsPerCell, progress.Started, progress.Finished, version, scenario.Measures, plan.Harness);
        var errored = labelled.Count(r => r.Status == TrialStatus.Errored);
        var usage = labelled.Aggregate(TokenUsage.Zero, (sum, r) => sum.Add(r.Usage));
        var common = labelled.Where(r => r.Error is not null).GroupBy(r => r.Error!)
            .Select(g => new ErrorCount(g.Key, g.Count())).OrderByDescending(e => e.Count).ThenBy(e => e.Error, StringComparer.Ordinal).Take(5).ToList();
        return new ExperimentSummary(ResultsWriter.Build(info, labelled), labelled, labelled.Count - errored, errored, usage, common);
    }
}
