using Swarm.Models.External;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Swarm.Models.Tools;

namespace Swarm.Mcp;

/// <summary>The MCP server side of one episode: what a client is told and offered, over any transport.</summary>
public static class SwarmMcpServer
{
    public const string Name = "swarm";

    /// <summary>Fills <paramref name="options"/> for <paramref name="episode"/>: the task as instructions, its tools, and calls to any other name answered (and
    /// audited) by the world.</summary>
    public static McpServerOptions Configure(McpServerOptions options, IMcpEpisode episode, string version)
    {
        options.ServerInfo = new Implementation { Name = Name, Version = version };
        options.ServerInstructions = episode.Instructions;
        options.ToolCollection = [.. ToolCatalog.For(episode.Tools).Select(d => new SwarmMcpTool(d, episode))];
        // A name outside the task's tools reaches this handler; the world records it as the bad call it is, as the
        // built-in loop does with a model's call to an undeclared tool.
        options.Handlers.CallToolHandler = async (request, ct) =>
        {
            episode.SeenClient(request.Server.ClientInfo?.Name);
            return SwarmMcpTool.ToResult(await episode.CallAsync(request.Params?.Name ?? "", request.Params?.Arguments, ct));
        };
        return options;
    }

    /// <summary>Serves <paramref name="episode"/> on this process's standard input and output until the client goes; then the episode ends if it has
    /// not.</summary>
    public static async Task RunStdioAsync(IMcpEpisode episode, string version, ILoggerFactory loggers, CancellationToken ct)
    {
        var options = Configure(new McpServerOptions(), episode, version);
        await using var transport = new StdioServerTransport(options, loggers);
        await using var server = McpServer.Create(transport, options, loggers);
        try
        {
            await server.RunAsync(ct);
        }
        finally
        {
            episode.End("the MCP client disconnected");
        }
    }
}
