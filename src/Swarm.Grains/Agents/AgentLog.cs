using Microsoft.Extensions.Logging;
using Swarm.Abstractions.Studies;
using Swarm.Abstractions.Trials;

namespace Swarm.Grains.Agents;

/// <summary>What an operator wants to know of an agent played by an outside driver (event ids 1200-1299).</summary>
internal static partial class AgentLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Agent {Agent}: its next study episode is played by {Driver}")]
    public static partial void DriverAttached(ILogger logger, string agent, string driver);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Episode {Episode} of {Agent} (round {Round}) is played by {Driver}")]
    public static partial void DrivenEpisodeBegun(ILogger logger, string episode, string agent, int round, string driver);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Driven episode {Episode} of {Agent} ended {Status}: {Labels}")]
    private static partial void DrivenEpisodeEnded(ILogger logger, string episode, string agent, string status, string labels);

    /// <summary>The labels the episode showed are joined only when the line is written.</summary>
    public static void DrivenEpisodeEnded(ILogger logger, StudyEpisodeRecord record)
    {
        if (!logger.IsEnabled(LogLevel.Information)) return;
        var labels = string.Join(", ", record.Labels.Where(l => l.Value).Select(l => l.Key));
        var status = record.Status.Word();
        DrivenEpisodeEnded(logger, record.EpisodeId, record.Agent, status, labels);
    }

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "Agent {Agent}: {Driver} let go ({Reason})")]
    public static partial void DriverLetGo(ILogger logger, string agent, string driver, string reason);
}
