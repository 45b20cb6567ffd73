using Swarm.Models.External;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Swarm.Abstractions.Drivers;
using Swarm.Abstractions.Grains;
using Swarm.Mcp;

namespace Swarm.Cli.Commands.Mcp;

/// <summary>
/// A study agent's episode as this process serves it over MCP: the episode itself runs in the agent's grain (its room,
/// dispatcher and audit), and every call is forwarded there. Once the episode is over, calls are refused here, without
/// a round trip to a grain that has let the driver go.
/// </summary>
public sealed class StudyAgentEpisode(IAgentGrain agent, string lease, DrivenEpisode episode, ILogger logger) : IMcpEpisode
{
    private readonly TaskCompletionSource<string> _gone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _closed;
    private string? _client;

    public string Instructions => episode.Instructions;
    public IReadOnlyList<string> Tools => episode.Tools;

    /// <summary>The name the MCP client gave for itself, once it has called.</summary>
    public string? ClientName => _client;

    /// <summary>Completes with why, when the client went away (stdio closed, Ctrl-C).</summary>
    public Task<string> Gone => _gone.Task;

    public void SeenClient(string? name) => _client ??= string.IsNullOrWhiteSpace(name) ? null : name;

    public async Task<McpCallOutcome> CallAsync(string tool, IDictionary<string, JsonElement>? arguments, CancellationToken ct = default)
    {
        if (_closed) return new McpCallOutcome(McpEpisode.EndedError, IsError: true);
        try
        {
            var answer = await agent.DriveAsync(lease, tool, JsonSerializer.Serialize(arguments ?? new Dictionary<string, JsonElement>()), _client);
            return new McpCallOutcome(answer.Text, answer.IsError);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The cluster (or the agent's silo) failed under the call: the client hears it as a refused call, not a crash.
            StudyAgentEpisodeLog.CallNotDelivered(logger, tool, ex.Message);
            return new McpCallOutcome("error: the study's cluster did not take the call: " + ex.Message, IsError: true);
        }
    }

    /// <summary>The episode has been played: from now on calls are refused here.</summary>
    public void Close() => _closed = true;

    public void End(string reason) => _gone.TrySetResult(reason);
}
