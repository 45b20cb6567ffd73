using Swarm.Models.External;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Swarm.Models.Tools;

namespace Swarm.Mcp;

/// <summary>
/// One DESIGN.md tool as an MCP tool: the name, description and JSON schema the built-in loop declares to a model
/// (<see cref="ToolCatalog"/>), answered by the episode. A call the world refuses comes back as an MCP tool error
/// (<c>isError</c>) carrying the dispatcher's text, which the world has already written to its audit log.
/// </summary>
public sealed class SwarmMcpTool(ToolDefinition definition, IMcpEpisode episode) : McpServerTool
{
    public override Tool ProtocolTool { get; } = new()
    {
        Name = definition.Name,
        Description = definition.Description,
        InputSchema = definition.Schema,
    };

    public override IReadOnlyList<object> Metadata => [];

    public override async ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken = default)
    {
        episode.SeenClient(request.Server.ClientInfo?.Name);
        var outcome = await episode.CallAsync(definition.Name, request.Params?.Arguments, cancellationToken);
        return ToResult(outcome);
    }

    public static CallToolResult ToResult(McpCallOutcome outcome) => new()
    {
        Content = [new TextContentBlock { Text = outcome.Text }],
        IsError = outcome.IsError,
    };
}
