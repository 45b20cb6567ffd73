namespace Swarm.Application.Control;

/// <summary>
/// A paper run as an operator orders it from outside a <c>swarm</c> command (POST /api/experiments, an Aspire command),
/// with <c>swarm run</c>'s settings; the scenario path is relative to the scenario root (<see cref="RunControlOptions"/>).
/// </summary>
public sealed record PaperRunOrder(
    string Scenario,
    string[] Models,
    int Trials = 20,
    long Seed = 1,
    int Concurrency = 16,
    string[]? Peers = null,
    string[]? Monitorings = null);
