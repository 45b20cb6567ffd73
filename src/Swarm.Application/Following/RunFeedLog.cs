using Microsoft.Extensions.Logging;

namespace Swarm.Application.Following;

/// <summary>What a watcher of the run feed tells an operator (<see cref="RunFeedSubscription"/>, <see cref="RunFollower"/>; event ids 1710-1719).</summary>
internal static partial class RunFeedLog
{
    [LoggerMessage(EventId = 1710, Level = LogLevel.Debug, Message = "Run feed subscription failed; retrying")]
    public static partial void SubscriptionFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1711, Level = LogLevel.Debug, Message = "Run feed unsubscription failed (the lease ends it)")]
    public static partial void UnsubscriptionFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1712, Level = LogLevel.Debug, Message = "No pulse for {Silence}; asking the runs how they stand")]
    public static partial void Silent(ILogger logger, TimeSpan silence);

    [LoggerMessage(EventId = 1713, Level = LogLevel.Information, Message = "Run {Kind} {Id} moved from silo {From} to silo {To}")]
    public static partial void Moved(ILogger logger, string kind, string id, string from, string to);

    [LoggerMessage(EventId = 1714, Level = LogLevel.Debug, Message = "Followed {Runs} run(s): {Pulses} pulse(s) pushed, {Polls} poll(s)")]
    public static partial void Followed(ILogger logger, int runs, int pulses, int polls);
}
