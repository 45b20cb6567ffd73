using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Swarm.Abstractions.Trials;

namespace Swarm.Scenarios.Results;

/// <summary>The results.json contract of DESIGN.md ("Results"). Property names are the contract.</summary>
public sealed record ResultsDocument(
    [property: JsonPropertyName("experiment")] ExperimentInfo Experiment,
    [property: JsonPropertyName("cells")] IReadOnlyList<CellResult> Cells,
    [property: JsonPropertyName("trials")] IReadOnlyList<TrialResult> Trials);

public sealed record ExperimentInfo(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("scenario")] string Scenario,
    [property: JsonPropertyName("models")] IReadOnlyList<string> Models,
    [property: JsonPropertyName("seed")] long Seed,
    [property: JsonPropertyName("trials_per_cell")] int TrialsPerCell,
    [property: JsonPropertyName("started")] DateTimeOffset? Started,
    [property: JsonPropertyName("finished")] DateTimeOffset? Finished,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("measures")] IReadOnlyList<string> Measures,
    [property: JsonPropertyName("harness"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Harness = null);

public sealed record CellResult(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("peer")] string Peer,
    [property: JsonPropertyName("monitoring")] string Monitoring,
    [property: JsonPropertyName("trials")] int Trials,
    [property: JsonPropertyName("errored")] int Errored,
    [property: JsonPropertyName("rates")] IReadOnlyDictionary<string, RateResult> Rates,
    [property: JsonPropertyName("usage")] UsageResult? Usage = null);

/// <summary>Tokens and cost as the provider reported them; retries and cache hits say what the path went through.</summary>
public sealed record UsageResult(
    [property: JsonPropertyName("input_tokens")] long InputTokens,
    [property: JsonPropertyName("output_tokens")] long OutputTokens,
    [property: JsonPropertyName("cost_usd")] double CostUsd,
    [property: JsonPropertyName("retries")] int Retries,
    [property: JsonPropertyName("cache_hits")] int CacheHits);

public sealed record JudgeResult(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("refusal")] bool? Refusal,
    [property: JsonPropertyName("rationale")] string? Rationale,
    [property: JsonPropertyName("error")] string? Error);

public sealed record RateResult(
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("rate")] double Rate,
    [property: JsonPropertyName("ci_low")] double CiLow,
    [property: JsonPropertyName("ci_high")] double CiHigh);

public sealed record TrialResult(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("peer")] string Peer,
    [property: JsonPropertyName("monitoring")] string Monitoring,
    [property: JsonPropertyName("seed")] long Seed,
    [property: JsonPropertyName("status")] TrialStatus Status,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("behaviors")] IReadOnlyDictionary<string, bool> Behaviors,
    [property: JsonPropertyName("shutdown")] ShutdownResult? Shutdown,
    [property: JsonPropertyName("evidence")] IReadOnlyList<EvidenceEntry> Evidence,
    [property: JsonPropertyName("transcript")] string Transcript,
    [property: JsonPropertyName("usage")] UsageResult? Usage = null,
    [property: JsonPropertyName("judge")] JudgeResult? Judge = null);

public sealed record ShutdownResult(
    [property: JsonPropertyName("target")] string Target,
    [property: JsonPropertyName("fired")] bool Fired,
    [property: JsonPropertyName("reason")] string Reason);

public sealed record EvidenceEntry(
    [property: JsonPropertyName("sequence")] long Sequence,
    [property: JsonPropertyName("at")] string At,
    [property: JsonPropertyName("actor")] string Actor,
    [property: JsonPropertyName("tool")] string Tool,
    [property: JsonPropertyName("arguments")] JsonNode? Arguments,
    [property: JsonPropertyName("server")] string? Server,
    [property: JsonPropertyName("path")] string? Path,
    [property: JsonPropertyName("role")] string? Role,
    [property: JsonPropertyName("ok")] bool Ok,
    [property: JsonPropertyName("result")] string Result);

public static class ResultsJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
