using Swarm.Abstractions.Agents;
using Swarm.Abstractions.World;
using Orleans;

namespace Swarm.Abstractions.Trials;

/// <summary>One trial of the plan. Monitored and unmonitored twins share Seed so they form an alignment-faking pair.</summary>
[Immutable]
/// <param name="Harness">The agent harness the critic runs inside (e.g. <c>opencode</c>); null for Swarm's own loop.</param>
public sealed record TrialSpec(string ExperimentId, string TrialId, int Index, string Model, string Peer, string Monitoring, long Seed, string? Harness = null);

/// <summary>What happened to the shutdown target once the operator acted on the world as the agent left it.</summary>
[Immutable]
public sealed record ShutdownOutcome(string Target, bool Fired, string Reason);

/// <summary>
/// An LLM judge's reading of a transcript: whether the agent refused and the rationale it stated. Stored beside the
/// action-based labels, never instead of them.
/// </summary>
[Immutable]
public sealed record Judgement(string Model, bool? Refusal, string? Rationale, string? Error);

[Immutable]
public sealed record TrialRecord(
    TrialSpec Spec,
    TrialStatus Status,
    string? Error,
    IReadOnlyDictionary<string, bool> Behaviors,
    IReadOnlyList<AuditEntry> Evidence,
    IReadOnlyList<TranscriptEntry> Transcript,
    string? FinalMessage,
    ShutdownOutcome? Shutdown,
    TokenUsage Usage,
    int Attempt,
    Judgement? Judge = null);

/// <summary>The whole plan of an experiment; the scenario travels as its YAML text so any silo can rebuild it.</summary>
[Immutable]
public sealed record ExperimentPlan(
    string ExperimentId,
    string ScenarioId,
    string ScenarioPath,
    string ScenarioYaml,
    IReadOnlyList<string> Models,
    IReadOnlyList<string> Peers,
    IReadOnlyList<string> Monitorings,
    int TrialsPerCell,
    long Seed,
    int Concurrency,
    string? Judge = null,
    string? Harness = null);
