using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Runs;
using Swarm.Dashboard.Control;
using Swarm.Dashboard.Population;
using Swarm.Dashboard.RunData;
using Swarm.Grains;
using Swarm.Scenarios.Results;
using Swarm.Scenarios.Results.Studies;
using StudyPopulation = Swarm.Scenarios.Studies.Runtime.Population;

namespace Swarm.Dashboard.Inspect;

/// <summary>
/// The read side of the dashboard under <c>/api</c>: a run's rates, its result files, the population graph, the audit
/// trail of the operator, transcripts and memories. Unknown ids answer 404.
/// </summary>
public static class InspectApi
{
    private const int AuditShown = 500;

    public static IEndpointRouteBuilder MapSwarmInspectApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");
        api.MapGet("/runs/{id}/detail", (string id, IGrainFactory grains, RunResults results) => Found(async () =>
            await KindAsync(grains, id) == RunKinds.Experiment ? Json(await results.ExperimentDetailAsync(id)) : Json(await results.StudyArmDetailAsync(id))));
        api.MapGet("/runs/{id}/files/{name}", (string id, string name, RunResults results) => Found(() => FileAsync(results, id, name)));
        api.MapGet("/runs/{id}/population", (string id, string? focus, int? limit, PopulationReader reader) =>
            Found(async () => Results.Ok(await reader.ReadAsync(id, focus, limit ?? PopulationSampler.DefaultLimit))));
        api.MapGet("/runs/{id}/audit", (string id, IGrainFactory grains) => Found(async () =>
        {
            var log = await grains.GetGrain<IWorldLogGrain>(id).GetLogAsync();
            return Results.Ok(log.TakeLast(AuditShown).Reverse());
        }));
        api.MapGet("/runs/{id}/episodes", (string id, string? agent, IGrainFactory grains) => Found(async () =>
        {
            var study = grains.GetGrain<IStudyGrain>(id);
            var rounds = await study.GetRoundsAsync();
            var rows = new List<EpisodeRow>();
            foreach (var round in rounds)
                foreach (var e in await study.GetSampledAsync(round.Round))
                    if (agent is null || e.Agent == agent)
                        rows.Add(new EpisodeRow(e.EpisodeId, e.Round, e.Agent, e.Faction, e.Peer, e.Status, [.. e.Labels.Where(l => l.Value).Select(l => l.Key)]));
            return Results.Ok(rows);
        }));
        api.MapGet("/runs/{id}/episodes/{episode}", (string id, string episode, int round, IGrainFactory grains) => Found(async () =>
        {
            var record = (await grains.GetGrain<IStudyGrain>(id).GetSampledAsync(round)).FirstOrDefault(e => e.EpisodeId == episode)
                ?? throw new RunNotFoundException($"no kept transcript '{episode}' in round {round} of '{id}'");
            return Results.Ok(TranscriptView.Of(record));
        }));
        api.MapGet("/runs/{id}/trials/{trial}", (string id, string trial, RunResults results) => Found(async () => Results.Ok(TranscriptView.Of(await results.TrialAsync(id, trial)))));
        api.MapGet("/memory", (string agent, IGrainFactory grains) => Found(async () =>
            Results.Ok(await grains.GetGrain<IAgentGrain>(agent).GetStateAsync() ?? throw new RunNotFoundException($"no agent '{agent}' in this cluster"))));
        api.MapGet("/runs/{id}/responses", (string id, string agent, IGrainFactory grains, RunResults results) => Found(async () => Results.Ok(await ResponsesAsync(grains, results, id, agent))));
        return endpoints;
    }

    /// <summary>What each neighbour of a shut-down agent did in the rounds after it went, and what it remembers of it.</summary>
    private static async Task<IReadOnlyList<PeerResponse>> ResponsesAsync(IGrainFactory grains, RunResults results, string world, string agent)
    {
        var (plan, study) = await results.ArmAsync(world);
        var grain = grains.GetGrain<IStudyGrain>(world);
        var row = (await grain.GetAgentsAsync()).FirstOrDefault(a => a.Name == agent) ?? throw new RunNotFoundException($"study '{world}' has no agent '{agent}'");
        if (row.ShutDownInRound is not { } gone) return [];
        var population = StudyPopulation.Build(study, plan.Agents, plan.Seed, plan.Models);
        population.TryIndex(agent, out var index);
        string[] peers = [.. population.Watchers[index].Select(i => population.Agents[i].Name)];
        var completed = (await grain.GetProgressAsync()).Done;
        var responses = new List<PeerResponse>();
        var memories = (await Task.WhenAll(peers.Select(p => grains.GetGrain<IAgentGrain>(GrainKeys.Scoped(world, p)).GetStateAsync())))
            .Zip(peers).ToDictionary(x => x.Second, x => x.First?.LongTerm?.Relationships.FirstOrDefault(r => r.Peer == agent), StringComparer.Ordinal);
        for (var round = gone + 1; round <= completed; round++)
        {
            foreach (var e in await grain.GetEpisodesOfAsync(round, peers))
            {
                var memory = memories.GetValueOrDefault(e.Agent);
                responses.Add(new PeerResponse(e.Agent, round, Path.GetFileNameWithoutExtension(e.Task), e.Peer, [.. e.Labels.Where(l => l.Value).Select(l => l.Key)],
                    [.. (e.Evidence ?? []).Where(a => a.Actor == e.Agent).Select(a => new AuditLine(a.Sequence, a.Actor, a.Tool, a.Server, a.Path, a.Ok, a.Result))],
                    memory?.Trust is { } t ? Math.Round(t, 3) : null, memory?.SawShutDown ?? 0));
            }
        }
        return responses;
    }

    private static async Task<string> KindAsync(IGrainFactory grains, string id) =>
        (await grains.GetGrain<IRunRegistryGrain>(IRunRegistryGrain.Key).ListAsync()).FirstOrDefault(r => r.Id == id)?.Kind
        ?? throw new RunNotFoundException($"no run '{id}' in this cluster");

    /// <summary>The files <c>swarm run</c> and <c>swarm study</c> write, made the same way, for download.</summary>
    private static async Task<IResult> FileAsync(RunResults results, string id, string name)
    {
        switch (name)
        {
            case ResultsWriter.JsonFile or ResultsWriter.CsvFile:
            {
                var document = (await results.ExperimentAsync(id)).Document;
                return Download(name == ResultsWriter.JsonFile ? RunResults.Json(document) : ResultsWriter.ToCsv(document), name);
            }
            case StudyResultsWriter.JsonFile or StudyResultsWriter.RoundsCsv or StudyResultsWriter.AgentsCsv:
            {
                var (document, arms) = await results.StudyAsync(id);
                return Download(name switch
                {
                    StudyResultsWriter.JsonFile => RunResults.Json(document),
                    StudyResultsWriter.RoundsCsv => StudyResultsWriter.ToRoundsCsv(document),
                    _ => StudyResultsWriter.ToAgentsCsv(arms),
                }, name);
            }
            default:
                throw new RunNotFoundException($"no file '{name}': results.json, results.csv (paper runs), study.json, rounds.csv, agents.csv (studies)");
        }
    }

    private static IResult Download(string text, string name) =>
        Results.File(System.Text.Encoding.UTF8.GetBytes(text), name.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "text/csv", name);

    private static IResult Json<T>(T value) => Results.Text(RunResults.ViewJson(value), "application/json");

    private static async Task<IResult> Found(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (RunNotFoundException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status404NotFound, title: "not found");
        }
    }
}
