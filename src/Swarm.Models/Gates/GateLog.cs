using Microsoft.Extensions.Logging;

namespace Swarm.Models.Gates;

/// <summary>What an operator wants to know of an endpoint's concurrency limit and its leases (event ids 1300-1309).</summary>
internal static partial class GateLog
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Warning,
        Message = "{Count} lease(s) on {Endpoint} were held past their time and taken back (their holder may have died)")]
    public static partial void LeasesReclaimed(ILogger logger, int count, string endpoint);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Concurrency for {Endpoint} capped at {Limit}: a caller is configured for no more")]
    public static partial void LimitCapped(ILogger logger, string endpoint, int limit);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Concurrency for {Endpoint} lowered to {Limit} after a 429")]
    public static partial void LimitLowered(ILogger logger, string endpoint, int limit);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Information, Message = "Concurrency for {Endpoint} back up to its maximum {Limit}")]
    public static partial void LimitRestored(ILogger logger, string endpoint, int limit);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Debug, Message = "Concurrency for {Endpoint} raised to {Limit}")]
    public static partial void LimitRaised(ILogger logger, string endpoint, int limit);
}
