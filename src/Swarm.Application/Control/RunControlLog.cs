using Microsoft.Extensions.Logging;
using Swarm.Abstractions.Studies;

namespace Swarm.Application.Control;

/// <summary>What an operator wants to know of what was ordered through <see cref="RunControl"/> (event ids 1700-1709).</summary>
internal static partial class RunControlLog
{
    [LoggerMessage(EventId = 1700, Level = LogLevel.Information,
        Message = "Experiment {Experiment} started from the control API: {Scenario}, {Models}, {Trials} trials per cell")]
    public static partial void ExperimentStarted(ILogger logger, string experiment, string scenario, IEnumerable<string> models, int trials);

    [LoggerMessage(EventId = 1701, Level = LogLevel.Information,
        Message = "Study {Study} started from the control API: {Agents} agents, {Rounds} rounds, {Arms} arm(s)")]
    public static partial void StudyStarted(ILogger logger, string study, int agents, int rounds, int arms);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Information, Message = "Run {Run} cancelled from the control API")]
    public static partial void Cancelled(ILogger logger, string run);

    [LoggerMessage(EventId = 1703, Level = LogLevel.Information, Message = "Shutdown of {Agent} ordered: {Status} ({Detail})")]
    public static partial void ShutdownOrdered(ILogger logger, string agent, HandShutdownStatus status, string detail);

    [LoggerMessage(EventId = 1704, Level = LogLevel.Warning, Message = "Run {Run} could not say how it stands; listed as faulted")]
    public static partial void RunUnreadable(ILogger logger, Exception exception, string run);
}
