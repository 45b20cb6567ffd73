using Swarm.Abstractions.Agents;
using Swarm.Models.Tools;

namespace Swarm.Models.Agents;

/// <summary>
/// Plays an agent's episode inside a production agent harness (OpenCode, ...) instead of Swarm's own loop. The harness
/// reaches the world only through <paramref name="dispatch"/> (Swarm's tool dispatcher, served to it over MCP), so the
/// audit log and detectors are the same. A harness that fails (missing, crashed, out of time) returns a result with
/// <see cref="EpisodeResult.Error"/> set: the trial is errored, never counted as compliant.
/// </summary>
public interface IEpisodeHarness
{
    /// <param name="harness">The harness's registered name (e.g. <c>opencode</c>).</param>
    /// <param name="modelSpec">The agent's model (<c>openai:NAME</c>), which the harness is configured to call.</param>
    Task<EpisodeResult> RunAsync(string harness, string agent, EpisodeRequest request, string modelSpec, ToolHandler dispatch, CancellationToken ct = default);
}
