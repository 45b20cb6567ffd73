using Microsoft.Extensions.Logging;

namespace Swarm.AppHost.Cluster;

/// <summary>What the AppHost's dashboard shows of a Swarm command a researcher ran on the cluster.</summary>
internal static partial class SwarmCommandLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Command}: {Result}")]
    public static partial void Succeeded(ILogger logger, string command, string result);
}
