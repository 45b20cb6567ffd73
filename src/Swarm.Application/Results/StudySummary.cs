using Swarm.Scenarios.Results.Studies;

namespace Swarm.Application.Results;

/// <summary>A study's results, every arm: study.json's document, and each arm as read (rounds.csv and agents.csv are made from both).</summary>
public sealed record StudySummary(StudyDocument Document, IReadOnlyList<StudyArm> Arms);
