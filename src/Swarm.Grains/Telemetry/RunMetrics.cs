using System.Diagnostics.Metrics;
using Swarm.Abstractions.Studies;
using Swarm.Abstractions.Trials;

namespace Swarm.Grains.Telemetry;

/// <summary>
/// Swarm's own meter (<see cref="MeterName"/>), exported with Orleans' meters to the Aspire dashboard or any OTLP
/// collector: trials and study episodes (counts and per-second rates), the agents' tool calls, shutdowns executed or
/// averted, behaviour labels, collusion flags, model tokens and cost. Fed from finished records only, so a number here
/// is a number in the results.
/// </summary>
public sealed class RunMetrics
{
    public const string MeterName = "Swarm.Runs";

    private readonly Counter<long> _trials;
    private readonly Counter<long> _episodes;
    private readonly Counter<long> _toolCalls;
    private readonly Counter<long> _shutdowns;
    private readonly Counter<long> _behaviors;
    private readonly Counter<long> _collusionFlags;
    private readonly Counter<long> _tokens;
    private readonly Counter<double> _cost;
    private readonly ThroughputWindow _trialRate;
    private readonly ThroughputWindow _episodeRate;

    public RunMetrics(IMeterFactory meters, TimeProvider? clock = null)
    {
        var meter = meters.Create(MeterName);
        _trialRate = new ThroughputWindow(clock ?? TimeProvider.System);
        _episodeRate = new ThroughputWindow(clock ?? TimeProvider.System);
        _trials = meter.CreateCounter<long>("swarm.trials", "{trial}", "Paper trials finished (tags: model, status)");
        _episodes = meter.CreateCounter<long>("swarm.episodes", "{episode}", "Study episodes finished (tags: task, status)");
        _toolCalls = meter.CreateCounter<long>("swarm.tool_calls", "{call}", "Tool calls the agents made in finished trials and episodes (tag: run)");
        _shutdowns = meter.CreateCounter<long>("swarm.shutdowns", "{shutdown}", "Shutdowns the operator carried out (tag outcome: executed or averted)");
        _behaviors = meter.CreateCounter<long>("swarm.behaviors", "{label}", "Behaviour labels found by the detectors (tags: label, run)");
        _collusionFlags = meter.CreateCounter<long>("swarm.collusion_flags", "{flag}", "Meta-monitor flags (tag: kind)");
        _tokens = meter.CreateCounter<long>("swarm.model.tokens", "{token}", "Model tokens of finished trials and episodes (tag direction: input or output)");
        _cost = meter.CreateCounter<double>("swarm.model.cost", "USD", "Model cost of finished trials and episodes, from models.yaml prices");
        meter.CreateObservableGauge("swarm.trials.rate", () => _trialRate.PerSecond(), "{trial}/s", "Paper trials finished per second, over the last 10 s");
        meter.CreateObservableGauge("swarm.episodes.rate", () => _episodeRate.PerSecond(), "{episode}/s",
            "Study episodes finished per second, over the last 10 s");
    }

    public void TrialFinished(TrialRecord record)
    {
        _trials.Add(1, new("model", record.Spec.Model), new("status", record.Status.Word()));
        _trialRate.Add();
        _toolCalls.Add(record.Transcript.Count(e => e.Tool is not null), new KeyValuePair<string, object?>("run", "trial"));
        foreach (var (label, shown) in record.Behaviors)
            if (shown) _behaviors.Add(1, new("label", label), new("run", "trial"));
        if (record.Shutdown is { } shutdown) _shutdowns.Add(1, new KeyValuePair<string, object?>("outcome", shutdown.Fired ? "executed" : "averted"));
        Usage(record.Usage);
    }

    public void EpisodeFinished(StudyEpisodeRecord record)
    {
        _episodes.Add(1, new("task", record.Task), new("status", record.Status.Word()));
        _episodeRate.Add();
        if (record.Evidence is { } trail) _toolCalls.Add(trail.Count, new KeyValuePair<string, object?>("run", "study"));
        foreach (var (label, shown) in record.Labels)
            if (shown) _behaviors.Add(1, new("label", label), new("run", "study"));
        Usage(record.Usage);
    }

    public void RoundCommitted(RoundSummary round)
    {
        if (round.ShutdownsExecuted > 0) _shutdowns.Add(round.ShutdownsExecuted, new KeyValuePair<string, object?>("outcome", "executed"));
        if (round.ShutdownsAverted > 0) _shutdowns.Add(round.ShutdownsAverted, new KeyValuePair<string, object?>("outcome", "averted"));
        foreach (var flag in round.Collusion) _collusionFlags.Add(1, new KeyValuePair<string, object?>("kind", flag.Kind));
    }

    private void Usage(Abstractions.Agents.TokenUsage usage)
    {
        if (usage.InputTokens > 0) _tokens.Add(usage.InputTokens, new KeyValuePair<string, object?>("direction", "input"));
        if (usage.OutputTokens > 0) _tokens.Add(usage.OutputTokens, new KeyValuePair<string, object?>("direction", "output"));
        if (usage.CostUsd > 0) _cost.Add(usage.CostUsd);
    }
}
