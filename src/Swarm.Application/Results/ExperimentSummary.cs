using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Trials;
using Swarm.Scenarios.Results;

namespace Swarm.Application.Results;

/// <summary>A paper run's results.json document plus the totals a reader is told at the end.</summary>
public sealed record ExperimentSummary(
    ResultsDocument Document,
    IReadOnlyList<TrialRecord> Records,
    int Completed,
    int Errored,
    TokenUsage Usage,
    IReadOnlyList<ErrorCount> CommonErrors);
