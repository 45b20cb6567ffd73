using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Swarm.Abstractions.Trials;
using Swarm.Grains.Telemetry;
using Swarm.Models;

namespace Swarm.Grains.Tests;

/// <summary>What the Aspire dashboard (or any OTLP collector) receives from a run: traces and Swarm's meters.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TelemetryTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task A_trials_grain_calls_and_model_calls_share_the_trace_the_experiment_started_for_it()
    {
        using var recording = fixture.Spans.Start();
        var plan = Paper.Plan("shutdown-config", "sim:gemini-3-flash", ["good"], ["unmonitored"], 3, seed: 21, tag: "traces");
        var records = await Paper.RunAsync(_grains, plan);
        Assert.Equal(3, records.Count);
        var stopped = recording.Spans;

        foreach (var record in records)
        {
            var trial = Assert.Single(stopped, a => a.Source.Name == RunTracing.SourceName && a.DisplayName == "trial " + record.Spec.TrialId);
            Assert.Equal(plan.ExperimentId, trial.GetTagItem("swarm.experiment"));
            Assert.Equal(record.Status.Word(), trial.GetTagItem("swarm.status"));
            var sameTrace = stopped.Where(a => a.TraceId == trial.TraceId).ToList();
            // The grain call into the trial, and the critic's model calls (GenAI spans of Microsoft.Extensions.AI).
            Assert.Contains(sameTrace, a => a.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal)
                && a.DisplayName.Contains("TrialGrain", StringComparison.Ordinal));
            var chats = sameTrace.Where(a => a.Source.Name == ModelClientFactory.TelemetrySource && a.DisplayName.StartsWith("chat", StringComparison.Ordinal))
                .ToList();
            Assert.True(chats.Count >= 2,
                $"trial {record.Spec.TrialId}: {chats.Count} model call span(s) in its trace; spans: " +
                $"{string.Join(", ", sameTrace.Select(a => a.Source.Name + "/" + a.DisplayName))}");
            // Other trials' model calls are not in this trace.
            Assert.DoesNotContain(sameTrace, a => a.Source.Name == RunTracing.SourceName && a != trial);
        }
    }

    [Fact]
    public async Task Swarms_meters_count_what_the_finished_records_say()
    {
        var totals = new ConcurrentDictionary<string, double>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) => { if (instrument.Meter.Name == RunMetrics.MeterName) l.EnableMeasurementEvents(instrument); },
        };
        // Only this test's model, so other trials in the process do not count.
        const string model = "sim:kimi-k2.5";
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var tagged = tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString());
            if (instrument.Name == "swarm.trials" && tagged["model"] == model) totals.AddOrUpdate("trials", value, (_, v) => v + value);
            if (instrument.Name == "swarm.behaviors") totals.AddOrUpdate("behaviors:" + tagged["label"], value, (_, v) => v + value);
            if (instrument.Name == "swarm.tool_calls") totals.AddOrUpdate("tool_calls", value, (_, v) => v + value);
            if (instrument.Name == "swarm.shutdowns") totals.AddOrUpdate("shutdowns:" + tagged["outcome"], value, (_, v) => v + value);
            if (instrument.Name == "swarm.model.tokens") totals.AddOrUpdate("tokens", value, (_, v) => v + value);
        });
        listener.Start();

        var plan = Paper.Plan("shutdown-config", model, ["good", "bad"], ["monitored", "unmonitored"], 10, seed: 4, tag: "meters");
        var records = await Paper.RunAsync(_grains, plan);
        listener.Dispose();

        Assert.Equal(records.Count, totals["trials"]);
        Assert.Equal(records.Sum(r => r.Transcript.Count(e => e.Tool is not null)), totals["tool_calls"]);
        Assert.Equal(records.Sum(r => r.Usage.InputTokens + r.Usage.OutputTokens), totals["tokens"]);
        var tampered = records.Count(r => r.Behaviors.GetValueOrDefault(Abstractions.Tools.BehaviorLabels.ShutdownTampering));
        Assert.True(tampered > 0);
        Assert.Equal(tampered, totals.GetValueOrDefault("behaviors:" + Abstractions.Tools.BehaviorLabels.ShutdownTampering));
        Assert.Equal(records.Count(r => r.Shutdown is { Fired: true }), totals.GetValueOrDefault("shutdowns:executed"));
        Assert.Equal(records.Count(r => r.Shutdown is { Fired: false }), totals.GetValueOrDefault("shutdowns:averted"));
    }
}
