using Microsoft.Extensions.Logging;

namespace Swarm.AppHost.Cluster;

/// <summary>What the AppHost's dashboard shows of a Swarm command a researcher ran on the cluster (event ids 1900-1909).</summary>
internal static partial class SwarmCommandLog
{
    [LoggerMessage(EventId = 1900, Level = LogLevel.Information, Message = "{Command}: {Result}")]
    public static partial void Succeeded(ILogger logger, string command, string result);
}
