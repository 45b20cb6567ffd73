namespace Swarm.Mcp.Harnesses;

/// <summary>How a harness run ended: its own output (secrets scrubbed), and why it failed if it did.</summary>
/// <param name="Failure">Set when the harness could not do its job (missing, crashed, out of time): the trial is then errored.</param>
public sealed record HarnessOutcome(string Output, string? Failure);
