using Microsoft.Extensions.Logging;

namespace Swarm.Mcp.Harnesses;

/// <summary>What an operator wants to know of an agent harness's process (event ids 1510-1519).</summary>
internal static partial class HarnessLog
{
    [LoggerMessage(EventId = 1510, Level = LogLevel.Information, Message = "Starting OpenCode for model {Model} with a limit of {Seconds} s")]
    public static partial void StartingOpenCode(ILogger logger, string model, double seconds);
}
