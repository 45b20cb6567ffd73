namespace Swarm.Application.Planning;

/// <summary>What a researcher asks for in a population study, from the CLI or the control API.</summary>
/// <param name="StudyFile">The study file to read (its task scenarios resolve beside it).</param>
/// <param name="Agents">Overrides population.agents; null keeps the study's.</param>
/// <param name="Hypotheses">The models' hypotheses forced to these values (all zero: the null), or null for their own.</param>
public sealed record StudyRunRequest(
    string StudyFile,
    int? Agents,
    int? Rounds,
    int? Sessions,
    long Seed,
    IReadOnlyList<string> Models,
    bool AllTranscripts,
    int Concurrency,
    IReadOnlyDictionary<string, double>? Hypotheses = null);
