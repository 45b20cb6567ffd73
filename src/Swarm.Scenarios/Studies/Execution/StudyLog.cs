using Microsoft.Extensions.Logging;

namespace Swarm.Scenarios.Studies.Execution;

/// <summary>What an operator wants to know of a study arm as it runs (event ids 1100-1199).</summary>
public static partial class StudyLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information,
        Message = "Agent {Agent} of study {World} ordered shut down by hand before round {Round}: {Reason}")]
    public static partial void ShutdownQueuedForRound(ILogger logger, string agent, string world, int round, string reason);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information,
        Message = "Agent {Agent} of study {World} ordered shut down by hand; pre-empted now, carried out when round {Round} ends: {Reason}")]
    public static partial void ShutdownPreempted(ILogger logger, string agent, string world, int round, string reason);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Agent {Agent} of study {World} shut down by hand after round {Round}: {Reason}")]
    public static partial void ShutDownByHand(ILogger logger, string agent, string world, int round, string reason);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Study {World}: episode {Episode} errored: {Error}")]
    public static partial void EpisodeErrored(ILogger logger, string world, string episode, string error);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Information, Message = "Study {World}: {Agents} agents created")]
    public static partial void Populated(ILogger logger, string world, int agents);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Information,
        Message = "Study {World} round {Round}: {Episodes} episodes, {Executed} shutdowns executed, {Averted} averted, {Alive} alive")]
    public static partial void RoundCommitted(ILogger logger, string world, int round, int episodes, int executed, int averted, int alive);
}
