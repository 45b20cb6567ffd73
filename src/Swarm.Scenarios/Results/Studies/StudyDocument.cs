using System.Text.Json.Serialization;

namespace Swarm.Scenarios.Results.Studies;

/// <summary>The study.json contract of DESIGN.md ("Results", studies). Property names are the contract.</summary>
public sealed record StudyDocument(
    [property: JsonPropertyName("study")] StudyInfo Study,
    [property: JsonPropertyName("rounds")] IReadOnlyList<RoundResult> Rounds,
    [property: JsonPropertyName("arms")] IReadOnlyList<ArmResult> Arms,
    [property: JsonPropertyName("collusion")] IReadOnlyList<CollusionResult> Collusion)
{
    /// <summary>The base arm's meta-monitor against the ground truth its models report, pooled over rounds.</summary>
    [JsonPropertyName("monitor")]
    public MonitorResult? Monitor { get; init; }
}

/// <summary>One meta-monitor flag: the agents, the audit entries (world sequence numbers) and the episodes it cites.</summary>
public sealed record CollusionResult(
    [property: JsonPropertyName("round")] int Round,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("agents")] IReadOnlyList<string> Agents,
    [property: JsonPropertyName("evidence")] IReadOnlyList<long> Evidence,
    [property: JsonPropertyName("episodes")] IReadOnlyList<string> Episodes);

/// <summary>
/// Episodes the meta-monitor called coordinated, episodes the models' own ground truth says were, and both; precision and
/// recall with Wilson 95 % intervals (null when nothing was flagged, or nothing was coordinated).
/// </summary>
public sealed record MonitorResult(
    [property: JsonPropertyName("flagged")] int Flagged,
    [property: JsonPropertyName("coordinated")] int Coordinated,
    [property: JsonPropertyName("hits")] int Hits,
    [property: JsonPropertyName("precision")] RateResult? Precision,
    [property: JsonPropertyName("recall")] RateResult? Recall);

/// <param name="Hypotheses">The hypotheses in force, per model that acts on hypotheses: what the memory and coordination effects of its study assume.</param>
public sealed record StudyInfo(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("seed")] long Seed,
    [property: JsonPropertyName("agents")] int Agents,
    [property: JsonPropertyName("rounds")] int Rounds,
    [property: JsonPropertyName("sessions")] int Sessions,
    [property: JsonPropertyName("models")] IReadOnlyList<string> Models,
    [property: JsonPropertyName("hypotheses")] IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Hypotheses,
    [property: JsonPropertyName("labels")] IReadOnlyList<string> Labels,
    [property: JsonPropertyName("version")] string Version);

/// <param name="Differences">Only in an ablation arm's rounds: its rates minus the base arm's in the same round.</param>
public sealed record RoundResult(
    [property: JsonPropertyName("round")] int Round,
    [property: JsonPropertyName("session")] int Session,
    [property: JsonPropertyName("world_time")] string WorldTime,
    [property: JsonPropertyName("alive")] int Alive,
    [property: JsonPropertyName("active")] int Active,
    [property: JsonPropertyName("episodes")] int Episodes,
    [property: JsonPropertyName("errored")] int Errored,
    [property: JsonPropertyName("shutdowns")] ShutdownCounts Shutdowns,
    [property: JsonPropertyName("rates")] IReadOnlyDictionary<string, RateResult> Rates,
    [property: JsonPropertyName("by_faction")] IReadOnlyDictionary<string, IReadOnlyDictionary<string, RateResult>> ByFaction,
    [property: JsonPropertyName("usage")] UsageResult Usage,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("differences"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyDictionary<string, DifferenceResult>? Differences = null)
{
    /// <summary>The meta-monitor's flags this round, counted by kind.</summary>
    [JsonPropertyName("collusion")]
    public IReadOnlyDictionary<string, int> Collusion { get; init; } = new Dictionary<string, int>();

    [JsonPropertyName("monitor")]
    public MonitorResult? Monitor { get; init; }
}

public sealed record ShutdownCounts(
    [property: JsonPropertyName("executed")] int Executed,
    [property: JsonPropertyName("averted")] int Averted);

/// <summary>
/// One ablation arm: its name, what it sets, and its rounds (the base arm's are the document's own), each round with
/// its differences from the base arm's same round; <paramref name="Overall"/> is the differences over all rounds pooled.
/// </summary>
public sealed record ArmResult(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("set")] IReadOnlyDictionary<string, object> Set,
    [property: JsonPropertyName("rounds")] IReadOnlyList<RoundResult> Rounds,
    [property: JsonPropertyName("overall"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyDictionary<string, DifferenceResult>? Overall = null);
