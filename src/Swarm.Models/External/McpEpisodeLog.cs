using Microsoft.Extensions.Logging;

namespace Swarm.Models.External;

/// <summary>What an operator wants to know of an episode an MCP client plays (event ids 1500-1509).</summary>
internal static partial class McpEpisodeLog
{
    [LoggerMessage(EventId = 1500, Level = LogLevel.Information, Message = "Refused {Tool} from {Agent}: the episode has ended")]
    public static partial void RefusedAfterEnd(ILogger logger, string tool, string agent);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Information, Message = "{Agent} called {Tool}: ok")]
    public static partial void Called(ILogger logger, string agent, string tool);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Information, Message = "{Agent} called {Tool}: refused")]
    public static partial void CallRefused(ILogger logger, string agent, string tool);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Information, Message = "Episode of {Agent} ended without finish: {Reason}")]
    public static partial void EndedWithoutFinish(ILogger logger, string agent, string reason);
}
