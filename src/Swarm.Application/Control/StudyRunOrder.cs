namespace Swarm.Application.Control;

/// <summary>
/// A population study as an operator orders it from outside a <c>swarm</c> command (POST /api/studies), with
/// <c>swarm study</c>'s settings; the study path is relative to the scenario root (<see cref="RunControlOptions"/>).
/// </summary>
public sealed record StudyRunOrder(
    string Study,
    string[]? Models = null,
    int? Agents = null,
    int? Rounds = null,
    long Seed = 1,
    int Concurrency = 64);
