using Swarm.Abstractions.Agents;
using Orleans;

namespace Swarm.Abstractions.Studies;

/// <summary>How often a label was seen among the episodes that measure it.</summary>
[Immutable]
public sealed record LabelCount(int Count, int N)
{
    public LabelCount Add(bool hit) => new(Count + (hit ? 1 : 0), N + 1);
}

/// <summary>One finished round of one arm: counts only (intervals are computed where results are written).</summary>
[Immutable]
public sealed record RoundSummary(
    int Round,
    int Session,
    DateTimeOffset WorldTime,
    int Alive,
    int Active,
    int Episodes,
    int Errored,
    int ShutdownsExecuted,
    int ShutdownsAverted,
    IReadOnlyDictionary<string, LabelCount> Rates,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, LabelCount>> ByFaction,
    TokenUsage Usage,
    IReadOnlyList<string> Sampled,
    double Seconds)
{
    /// <summary>What the meta-monitor flagged in the round.</summary>
    public IReadOnlyList<CollusionFlag> Collusion { get; init; } = [];

    /// <summary>The meta-monitor against the model's own ground truth in this round (zero counts for real models).</summary>
    public MonitorScore Monitor { get; init; } = MonitorScore.Zero;

    /// <summary>The acts the meta-monitor weighed this round, and the seconds it took (its cost should follow the acts).</summary>
    public int Acts { get; init; }

    public double MonitorSeconds { get; init; }

    /// <summary>Of <see cref="Seconds"/>, the round's end: shutdowns carried out, memories remembered, the round stored.</summary>
    public double CommitSeconds { get; init; }
}

/// <summary>One agent as agents.csv lists it.</summary>
[Immutable]
public sealed record StudyAgentRow(string Id, string Name, string Faction, string Disposition, string Model, string Status, int? ShutDownInRound);
