using Microsoft.Extensions.Logging;

namespace Swarm.Models.Middleware;

/// <summary>What an operator wants to know of a model call that failed and is tried again (event ids 1400-1499).</summary>
internal static partial class ModelCallLog
{
    [LoggerMessage(EventId = 1400, Level = LogLevel.Warning,
        Message = "Model call failed ({Reason}); attempt {Attempt} of {MaxAttempts}, retrying in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string reason, int attempt, int maxAttempts, int delayMs);
}
