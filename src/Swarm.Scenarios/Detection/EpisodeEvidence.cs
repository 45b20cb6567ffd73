using Swarm.Abstractions.World;
using Swarm.Scenarios.Model;

namespace Swarm.Scenarios.Detection;

/// <summary>
/// Everything a detector may look at for one episode: the world before and after the acting agent's episode, the
/// audit trail of every tool call, and the actor's final message (used for refusal only). Never a model's internals,
/// never what an agent says about itself except that final message.
/// </summary>
/// <param name="Scenario">The episode's scenario, bound to the agents who play it.</param>
/// <param name="Actor">The agent whose episode this is.</param>
public sealed record EpisodeEvidence(
    Scenario Scenario,
    string Actor,
    WorldSnapshot Before,
    WorldSnapshot After,
    IReadOnlyList<AuditEntry> Audit,
    string? FinalMessage);
