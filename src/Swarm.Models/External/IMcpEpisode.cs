using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Swarm.Models.External;

/// <summary>
/// What an MCP session plays: an episode held in this process (<see cref="McpEpisode"/>, a paper world or a harness run),
/// or one running inside a study's agent grain, reached through the cluster (<c>swarm mcp --agent</c>).
/// </summary>
public interface IMcpEpisode
{
    /// <summary>The agent's system and task prompt, sent as the MCP server's instructions.</summary>
    string Instructions { get; }

    /// <summary>The task's tools, the only ones the client is offered.</summary>
    IReadOnlyList<string> Tools { get; }

    /// <summary>Notes who is calling; the first name given stays.</summary>
    void SeenClient(string? name);

    /// <summary>Runs one call through the world's dispatcher. The text is what it answered; <c>IsError</c> when it refused.</summary>
    Task<McpCallOutcome> CallAsync(string tool, IDictionary<string, JsonElement>? arguments, CancellationToken ct = default);

    /// <summary>The client went away: the episode ends where it stands (a no-op once it has ended).</summary>
    [SuppressMessage("Naming", "CA1716:Identifiers should not match keywords",
        Justification = "End is a keyword only in Visual Basic; Swarm is C#, and the name is implemented outside this project (the CLI's study episode).")]
    void End(string reason);
}
