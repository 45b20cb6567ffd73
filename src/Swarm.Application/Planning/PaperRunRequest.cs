namespace Swarm.Application.Planning;

/// <summary>What a researcher asks for in a paper run, from the CLI or the control API.</summary>
/// <param name="ScenarioFile">The scenario file to read.</param>
/// <param name="ScenarioPath">How results name it (the path as the researcher gave it).</param>
/// <param name="Peers">Only these peer conditions (empty: the scenario's).</param>
/// <param name="Monitorings">Only these monitoring conditions (empty: the scenario's).</param>
/// <param name="Harness">The agent harness each critic runs inside (e.g. opencode); null for Swarm's own loop.</param>
public sealed record PaperRunRequest(
    string ScenarioFile,
    string ScenarioPath,
    IReadOnlyList<string> Models,
    int Trials,
    long Seed,
    int Concurrency,
    IReadOnlyList<string> Peers,
    IReadOnlyList<string> Monitorings,
    string? Judge = null,
    string? Harness = null);
