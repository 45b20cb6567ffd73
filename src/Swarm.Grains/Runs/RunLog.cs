using Microsoft.Extensions.Logging;

namespace Swarm.Grains.Runs;

/// <summary>What an operator wants to know of a run's lifecycle, <see cref="RunLifecycle"/> (event ids 1000-1099).</summary>
internal static partial class RunLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "{Kind} {Run} resumes by itself after its grain was reactivated")]
    public static partial void ResumesByItself(ILogger logger, string kind, string run);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "{Kind} {Run} leaves this activation mid-run ({Reason}); its next activation carries on")]
    public static partial void LeavesMidRun(ILogger logger, string kind, string run, string reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "{Kind} {Run} paused")]
    public static partial void Paused(ILogger logger, string kind, string run);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "{Kind} {Run} cancelled")]
    public static partial void Cancelled(ILogger logger, string kind, string run);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "{Kind} {Run} faulted and stands so until resumed: {Fault}")]
    public static partial void Faulted(ILogger logger, Exception exception, string kind, string run, string fault);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning,
        Message = "{Kind} {Run} stopped in this activation on a cluster fault ({Fault}); it stays stored as running, so its next activation carries on")]
    public static partial void FaultedByCluster(ILogger logger, Exception exception, string kind, string run, string fault);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "{Kind} {Run} could not store its fault; this activation reports it")]
    public static partial void FaultNotStored(ILogger logger, Exception exception, string kind, string run);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning,
        Message = "{Work} was cut short by a cluster fault ({Fault}: {Message}); running it again (rerun {Attempt} of at most {Limit})")]
    public static partial void RerunAfterClusterFault(ILogger logger, string work, string fault, string message, int attempt, int limit);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Error,
        Message = "{Run} could not register its resume reminder ({Fault}: {Message}) and runs without it: if every silo stops, rerun its command to resume it")]
    public static partial void ReminderNotRegistered(ILogger logger, string run, string fault, string message);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Warning,
        Message = "{Run} could not register its resume reminder yet ({Fault}: {Message}); trying again (attempt {Attempt} of {Limit})")]
    public static partial void ReminderRetried(ILogger logger, string run, string fault, string message, int attempt, int limit);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning,
        Message = "{Run} could not remove its resume reminder ({Fault}: {Message}); the reminder will remove itself when it next fires")]
    public static partial void ReminderNotRemoved(ILogger logger, string run, string fault, string message);
}
