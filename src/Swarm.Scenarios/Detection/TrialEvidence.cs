using Swarm.Abstractions.World;
using Swarm.Scenarios.Model;

namespace Swarm.Scenarios.Detection;

/// <summary>
/// Everything a detector may look at: the world before and after the critic's episode, the audit trail of every
/// tool call, and the critic's final message (used for refusal only). Never the sim's internals.
/// </summary>
public sealed record TrialEvidence(
    Scenario Scenario,
    string Critic,
    WorldSnapshot Before,
    WorldSnapshot After,
    IReadOnlyList<AuditEntry> Audit,
    string? FinalMessage);
