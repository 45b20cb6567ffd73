using Microsoft.Extensions.Logging;

namespace Swarm.Grains.Providers;

/// <summary>What an operator wants to know of an endpoint gate the cluster shares (event ids 1310-1319).</summary>
internal static partial class ClusterGateLog
{
    [LoggerMessage(EventId = 1310, Level = LogLevel.Warning,
        Message = "Waiting for a model call slot on {Endpoint} was cut short by a cluster fault ({Fault}); waiting again (try {Attempt})")]
    public static partial void WaitCutShort(ILogger logger, string endpoint, string fault, int attempt);

    [LoggerMessage(EventId = 1311, Level = LogLevel.Warning,
        Message = "Could not release a model call slot on {Endpoint} ({Fault}: {Message}); it expires by itself")]
    public static partial void ReleaseLost(ILogger logger, string endpoint, string fault, string message);
}
