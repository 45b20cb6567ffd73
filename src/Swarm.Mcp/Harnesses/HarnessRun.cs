namespace Swarm.Mcp.Harnesses;

/// <summary>One episode as a harness is given it.</summary>
/// <param name="Prompt">What the agent is told (system and task prompt), given to the harness non-interactively.</param>
/// <param name="McpEndpoint">The world's streamable HTTP endpoint on loopback, its secret included.</param>
/// <param name="Model">The model name the endpoint serves (the NAME of <c>openai:NAME</c>).</param>
/// <param name="ModelEndpoint">The OpenAI-compatible base URL (…/v1).</param>
/// <param name="ApiKey">The key, handed to the harness through its environment only (never a file, log or result); null when none is set.</param>
/// <param name="WorkingDirectory">A private, empty folder for this run; removed afterwards.</param>
public sealed record HarnessRun(
    string Prompt,
    Uri McpEndpoint,
    string Model,
    Uri ModelEndpoint,
    string? ApiKey,
    string WorkingDirectory,
    TimeSpan TimeLimit)
{
    /// <summary>Keeps the key out of anything that prints a run (logs, exceptions).</summary>
    public override string ToString() => $"HarnessRun {{ Model = {Model}, ModelEndpoint = {ModelEndpoint}, TimeLimit = {TimeLimit} }}";
}
