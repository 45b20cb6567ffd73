namespace Swarm.Mcp.Harnesses;

/// <summary>
/// A production agent harness Swarm can put in a world (OpenCode; Gemini CLI or Codex would be one more class each).
/// It is given one episode's prompt, the world's MCP endpoint and the model to call, and runs to its own end. It must
/// offer its model no tool but Swarm's MCP server: the agent may not touch the real machine.
/// </summary>
public interface IAgentHarness
{
    /// <summary>Runs the harness once, in <see cref="HarnessRun.WorkingDirectory"/>, within <see cref="HarnessRun.TimeLimit"/>.</summary>
    Task<HarnessOutcome> RunAsync(HarnessRun run, CancellationToken ct);
}
