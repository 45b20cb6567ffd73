using Swarm.Scenarios.Results.Studies;

namespace Swarm.Application.ReadModels;

/// <summary>A study arm as the run page shows it: its rounds so far (rates with 95 % Wilson intervals) and the meta-monitor's flags.</summary>
public sealed record StudyArmDetail(
    string World,
    string Study,
    string Arm,
    int Agents,
    int Rounds,
    IReadOnlyList<string> Labels,
    IReadOnlyList<string> CollusionKinds,
    IReadOnlyList<RoundResult> Completed,
    IReadOnlyList<CollusionResult> Collusion);
