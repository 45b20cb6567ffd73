using Microsoft.Extensions.Logging;

namespace Swarm.Cli.Commands.Mcp;

/// <summary>What an operator wants to know of an MCP client driving a study's agent (event ids 1800-1809).</summary>
internal static partial class StudyAgentEpisodeLog
{
    [LoggerMessage(EventId = 1800, Level = LogLevel.Warning, Message = "{Tool} did not reach the agent: {Error}")]
    public static partial void CallNotDelivered(ILogger logger, string tool, string error);
}
