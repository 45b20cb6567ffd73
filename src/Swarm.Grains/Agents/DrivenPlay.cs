using Swarm.Models.External;
using Microsoft.Extensions.Logging;
using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Drivers;
using Swarm.Abstractions.Studies;
using Swarm.Abstractions.World;
using Swarm.Scenarios.World;

namespace Swarm.Grains.Agents;

/// <summary>
/// A study episode whose turn an external driver plays: the same dispatcher over the same in-memory room the built-in
/// loop would use, fed by the driver's calls (which arrive as interleaved grain calls) instead of a model's. It ends at
/// the driver's finish, when the driver lets go or falls silent, or at its time limit; whatever happened by then is
/// labelled like any other episode.
/// </summary>
internal static class DrivenPlay
{
    /// <summary>The transcript entry that says who played the episode.</summary>
    public const string NoteRole = "driver";

    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    public static async Task<EpisodeResult> RunAsync(DriverSeat seat, string agent, StudyEpisodeRequest study, EpisodeRequest request, IWorldBackend room,
        ILogger logger, CancellationToken ct)
    {
        var dispatcher = new ToolDispatcher(room, agent, request.Tools, new WorldClock(request.WorldNow));
        var play = new McpEpisode(agent, request.Tools, dispatcher.InvokeAsync, request.SystemPrompt, request.UserPrompt, logger);
        seat.Begin(new DrivenEpisode(study.EpisodeId, study.Round, study.Task, study.Peer, play.Instructions, [.. request.Tools]), play);
        AgentLog.DrivenEpisodeBegun(logger, study.EpisodeId, agent, study.Round, seat.Driver);
        var deadline = DateTimeOffset.UtcNow + seat.TimeLimit;
        try
        {
            // The driver's calls run while this turn waits; it wakes only to notice a driver gone silent or out of time.
            while (!play.Ended)
            {
                await Task.WhenAny(play.Completion, Task.Delay(Tick, ct));
                ct.ThrowIfCancellationRequested();
                if (seat.Lapsed) play.End($"{seat.Driver} stopped checking in");
                else if (DateTimeOffset.UtcNow > deadline) play.End($"the time limit ({seat.TimeLimit}) passed");
            }
        }
        finally
        {
            // Pre-empted: refuse the driver's further calls; the episode is recorded as pre-empted by the caller.
            play.End("pre-empted");
        }
        var result = await play.Completion;
        play.Note(NoteRole, $"played through swarm mcp by {(play.ClientName is { } client ? $"the MCP client '{client}'" : "an MCP client")} ({seat.Driver})"
            + (result.Finished ? "" : "; it ended without finish"));
        return result with { Transcript = play.Transcript() };
    }
}
