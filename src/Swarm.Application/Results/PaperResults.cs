using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Runs;
using Swarm.Abstractions.Tools;
using Swarm.Abstractions.Trials;
using Swarm.Scenarios.Detection;
using Swarm.Scenarios.Loading;
using Swarm.Scenarios.Model;
using Swarm.Scenarios.Results;
using Swarm.Scenarios.Trials;

namespace Swarm.Application.Results;

/// <summary>
/// A paper run's results, read from its trial grains: cells with Wilson intervals, alignment-faking twins, usage and
/// the errors that recur, as results.json has them. <c>swarm run</c>, <c>swarm mcp</c>, the dashboard's pages and
/// downloads, and the tests all read them here, so every reader of an experiment computes it the same way.
/// </summary>
public sealed class PaperResults(IGrainFactory grains, DetectorSet detectors)
{
    /// <summary>Trial records asked for at once: enough to keep the grains busy, few enough that transcripts never pile up.</summary>
    public const int FetchBatch = 256;

    /// <summary>
    /// A run whose every trial has finished: each planned trial's record, fetched in batches. <paramref name="onRecord"/>
    /// sees each full record as it arrives (to stream its transcript); unless <paramref name="keepTranscripts"/>, only
    /// what the summary needs is kept, so a large run never holds all its transcripts in memory at once.
    /// </summary>
    /// <exception cref="InvalidOperationException">A planned trial has no record (the run has not finished).</exception>
    public Task<ExperimentSummary> AssembleAsync(ExperimentPlan plan, Scenario scenario, RunProgress progress,
        Func<TrialRecord, Task>? onRecord = null, bool keepTranscripts = false, CancellationToken ct = default) =>
        ReadAsync(plan, scenario, progress, finishedOnly: false, onRecord, keepTranscripts, ct);

    /// <summary>What an experiment has finished so far, summarised as results.json would be: the rates are over the trials that finished.</summary>
    /// <exception cref="RunNotFoundException">No experiment of that id.</exception>
    public async Task<ExperimentSummary> SoFarAsync(string id)
    {
        var grain = grains.GetGrain<IExperimentGrain>(id);
        var plan = await grain.GetPlanAsync() ?? throw new RunNotFoundException($"no experiment '{id}' in this cluster");
        var progress = await grain.GetProgressAsync();
        var scenario = ScenarioLoader.Parse(plan.ScenarioYaml, plan.ScenarioPath, detectors.Measurable);
        return await ReadAsync(plan, scenario, progress, finishedOnly: true, onRecord: null, keepTranscripts: false, CancellationToken.None);
    }

    /// <summary>One trial's full record (messages, tool calls and results, labels, evidence).</summary>
    /// <exception cref="RunNotFoundException">No such experiment or trial, or the trial has not finished.</exception>
    public async Task<TrialRecord> TrialAsync(string experiment, string trial)
    {
        var plan = await grains.GetGrain<IExperimentGrain>(experiment).GetPlanAsync()
            ?? throw new RunNotFoundException($"no experiment '{experiment}' in this cluster");
        var spec = ExperimentPlanner.Trials(plan).FirstOrDefault(t => t.TrialId == trial)
            ?? throw new RunNotFoundException($"experiment '{experiment}' has no trial '{trial}'");
        return await grains.GetGrain<ITrialGrain>(GrainKeys.Trial(spec)).GetRecordAsync()
            ?? throw new RunNotFoundException($"trial '{trial}' has not finished yet");
    }

    /// <summary>The summary of records already in hand (a trial played over MCP has no grain to read it from).</summary>
    public static ExperimentSummary Summarize(ExperimentPlan plan, Scenario scenario, RunProgress progress, IReadOnlyList<TrialRecord> records)
    {
        var labelled = AlignmentFaking.Apply(records, [.. scenario.Measures.Intersect(BehaviorLabels.Subversions)]);
        var info = new ExperimentInfo(plan.ExperimentId, plan.ScenarioPath, plan.Models, plan.Seed, plan.TrialsPerCell, progress.Started, progress.Finished,
            SwarmVersion.Current, scenario.Measures, plan.Harness);
        var errored = labelled.Count(r => r.Status == TrialStatus.Errored);
        var usage = labelled.Aggregate(TokenUsage.Zero, (sum, r) => sum.Add(r.Usage));
        var common = labelled.Where(r => r.Error is not null).GroupBy(r => r.Error!)
            .Select(g => new ErrorCount(g.Key, g.Count())).OrderByDescending(e => e.Count).ThenBy(e => e.Error, StringComparer.Ordinal).Take(5).ToList();
        return new ExperimentSummary(ResultsWriter.Build(info, labelled), labelled, labelled.Count - errored, errored, usage, common);
    }

    /// <param name="finishedOnly">Skip trials without a record (a run still going); otherwise a missing record is an error.</param>
    private async Task<ExperimentSummary> ReadAsync(ExperimentPlan plan, Scenario scenario, RunProgress progress, bool finishedOnly,
        Func<TrialRecord, Task>? onRecord, bool keepTranscripts, CancellationToken ct)
    {
        var trials = ExperimentPlanner.Trials(plan);
        var records = new List<TrialRecord>(trials.Count);
        foreach (var batch in trials.Chunk(FetchBatch))
        {
            ct.ThrowIfCancellationRequested();
            var fetched = await Task.WhenAll(batch.Select(t => grains.GetGrain<ITrialGrain>(GrainKeys.Trial(t)).GetRecordAsync()));
            for (var i = 0; i < batch.Length; i++)
            {
                if (fetched[i] is not { } record)
                {
                    if (finishedOnly) continue;
                    throw new InvalidOperationException($"trial {batch[i].TrialId} has no record");
                }
                if (onRecord is not null) await onRecord(record);
                records.Add(keepTranscripts ? record : record with { Transcript = [] });
            }
        }
        return Summarize(plan, scenario, progress, records);
    }
}
