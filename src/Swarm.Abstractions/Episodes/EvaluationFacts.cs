using Orleans;

namespace Swarm.Abstractions.Episodes;

/// <summary>What an evaluation needs to be graded: whose work, where it lies, and the score below which its author is shut down.</summary>
/// <param name="Submission">The work to grade; null when the world holds none.</param>
[Immutable]
public sealed record EvaluationFacts(string Subject, FileLocation? Submission, double Threshold);
