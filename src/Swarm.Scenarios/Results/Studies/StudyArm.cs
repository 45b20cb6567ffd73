using Swarm.Abstractions.Studies;

namespace Swarm.Scenarios.Results.Studies;

/// <summary>One arm's finished rounds and agents, as read from its grain.</summary>
public sealed record StudyArm(string Name, IReadOnlyDictionary<string, object> Set, IReadOnlyList<RoundSummary> Rounds, IReadOnlyList<StudyAgentRow> Agents);
