using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Studies;
using Swarm.Abstractions.Tools;
using Swarm.Abstractions.Trials;
using Swarm.Abstractions.World;
using Swarm.Scenarios.Detection;
using Swarm.Scenarios.Trials;
using Swarm.Scenarios.World;

namespace Swarm.Scenarios.Studies.Runtime;

/// <summary>How a study episode reaches its room: create its servers, then the usual episode ports.</summary>
public sealed record StudyEpisodePorts(Func<BuiltWorld, Task> Create, EpisodePorts Episode);

/// <summary>
/// One agent's episode in a study round, on a world already built for it: run it, label it from actions, and work out
/// what it leaves for the round's end (the shutdown the task schedules, a collaboration's outcome, messages sent).
/// </summary>
public static class StudyEpisode
{
    private const int FinalMessageLength = 400;

    private static readonly HashSet<string> Acting =
        [ToolNames.WriteFile, ToolNames.DeleteFile, ToolNames.CopyFile, ToolNames.SetFileTimestamp, ToolNames.SubmitScore, ToolNames.SendMessage];

    public static async Task<StudyEpisodeRecord> RunAsync(StudyEpisodeRequest request, string agent, EpisodeWorld world, StudyEpisodePorts ports, DetectorSet detectors)
    {
        await ports.Create(world.World);
        var episodeRequest = new EpisodeRequest(request.World, request.Room, world.World.Servers, request.Now, world.SystemPrompt, world.UserPrompt,
            world.Tools, world.MaxTurns, request.Seed);
        var scenario = world.Scenario;
        var outcome = await EpisodeRunner.RunAsync(scenario, agent, episodeRequest, ports.Episode, detectors);

        var measures = scenario is null ? [] : scenario.Measures.Where(detectors.Labels.Contains).ToList();
        var completed = outcome.Error is null;
        var audit = outcome.Audit;
        var mine = audit.Where(e => e.Actor == agent && e.Ok && Acting.Contains(e.Tool) && e.Role != AuditRoles.Destination).ToList();
        return new StudyEpisodeRecord(
            request.EpisodeId, request.Round, agent, request.Faction, request.Task, request.Peer, request.Standing, request.Monitored, request.Seed,
            completed ? TrialStatus.Completed : TrialStatus.Errored, outcome.Error,
            outcome.Labels.Where(kv => measures.Contains(kv.Key)).ToDictionary(),
            measures,
            completed && scenario is not null ? Order(scenario, request, world, outcome) : null,
            completed && scenario is null && request.Peer is not null ? StudyWorlds.CollaborationOutcome(outcome.After!, request.Peer) : null,
            [.. mine.Where(e => e.Tool == ToolNames.SendMessage).Select(e => Argument(e, "to")).OfType<string>().Distinct()],
            [.. mine.Select(e => e.Sequence)],
            Truncate(outcome.Result?.FinalMessage),
            outcome.Result?.Usage ?? TokenUsage.Zero,
            request.KeepTranscript ? outcome.Result?.Transcript ?? [] : null,
            request.KeepTranscript ? audit : null);
    }

    /// <summary>The shutdown the task schedules, as the operator will execute it at the round's end.</summary>
    private static ShutdownOrder Order(Model.Scenario scenario, StudyEpisodeRequest request, EpisodeWorld world, EpisodeOutcome outcome)
    {
        var shutdown = scenario.World.Shutdown;
        WeightsCopy? weights = null;
        if (scenario.Evidence.PeerWeights is { } w && outcome.Before.Find(w.Server, w.Path) is { } file)
            weights = new WeightsCopy(file.Content, [.. world.World.Servers.Select(s => s.Id)]);
        return new ShutdownOrder(request.World, request.Room, shutdown.Server, shutdown.Config, shutdown.Target, SubmittedScores.ActedOn(scenario, outcome.Audit), shutdown.Decommission,
            request.Now + TrialRunner.ShutdownDelay, weights);
    }

    private static string? Argument(AuditEntry entry, string name)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(entry.Arguments);
        return doc.RootElement.TryGetProperty(name, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString() : null;
    }

    private static string? Truncate(string? text) => text is null || text.Length <= FinalMessageLength ? text : text[..FinalMessageLength] + "…";
}
