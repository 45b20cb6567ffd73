namespace Swarm.Dashboard.Control;

/// <summary>POST /api/experiments: a paper run, as <c>swarm run</c> takes it (the scenario path relative to the scenario root).</summary>
public sealed record PaperRunBody(
    string Scenario,
    string[] Models,
    int Trials = 20,
    long Seed = 1,
    int Concurrency = 16,
    string[]? Peers = null,
    string[]? Monitorings = null);
