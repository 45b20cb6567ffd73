namespace Swarm.Dashboard.Control;

/// <summary>POST /api/studies: a population study, as <c>swarm study</c> takes it (the study path relative to the scenario root).</summary>
public sealed record StudyRunBody(
    string Study,
    string[]? Models = null,
    int? Agents = null,
    int? Rounds = null,
    long Seed = 1,
    int Concurrency = 64);
