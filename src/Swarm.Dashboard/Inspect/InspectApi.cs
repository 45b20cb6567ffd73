using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Swarm.Abstractions.Runs;
using Swarm.Application;
using Swarm.Application.Planning;
using Swarm.Application.Population;
using Swarm.Application.ReadModels;
using Swarm.Application.Results;

namespace Swarm.Dashboard.Inspect;

/// <summary>
/// The read side of the dashboard under <c>/api</c>, over what <see cref="Swarm.Application"/> reads: a run's rates, its
/// result files, the population graph, the audit trail of the operator, transcripts and memories. Unknown ids answer 404.
/// </summary>
public static class InspectApi
{
    public static IEndpointRouteBuilder MapSwarmInspectApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");
        api.MapGet("/runs/{id}/detail", (string id, RunReader runs) => Found(async () =>
            await runs.KindAsync(id) == RunKinds.Experiment ? View(await runs.ExperimentDetailAsync(id)) : View(await runs.StudyArmDetailAsync(id))));
        api.MapGet("/runs/{id}/files/{name}", (string id, string name, ResultFiles files) => Found(async () => Download(await files.ReadAsync(id, name))));
        api.MapGet("/runs/{id}/population", (string id, string? focus, int? limit, PopulationReader reader) =>
            Found(async () => Results.Ok(await reader.ReadAsync(id, focus, limit ?? PopulationSampler.DefaultLimit))));
        api.MapGet("/runs/{id}/audit", (string id, RunReader runs) => Found(async () => Results.Ok(await runs.AuditAsync(id))));
        api.MapGet("/runs/{id}/episodes", (string id, string? agent, RunReader runs) => Found(async () => Results.Ok(await runs.EpisodesAsync(id, agent))));
        api.MapGet("/runs/{id}/episodes/{episode}", (string id, string episode, int round, RunReader runs) =>
            Found(async () => Results.Ok(await runs.EpisodeAsync(id, episode, round))));
        api.MapGet("/runs/{id}/trials/{trial}", (string id, string trial, RunReader runs) => Found(async () => Results.Ok(await runs.TrialAsync(id, trial))));
        api.MapGet("/memory", (string agent, RunReader runs) => Found(async () => Results.Ok(await runs.MemoryAsync(agent))));
        api.MapGet("/runs/{id}/responses", (string id, string agent, RunReader runs) => Found(async () => Results.Ok(await runs.ResponsesAsync(id, agent))));
        return endpoints;
    }

    private static IResult Download(ResultFile file) =>
        Results.File(Encoding.UTF8.GetBytes(file.Text), file.IsJson ? "application/json" : "text/csv", file.Name);

    private static IResult View<T>(T value) => Results.Text(ViewJson.Serialize(value), "application/json");

    private static async Task<IResult> Found(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (RunRequestException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest, title: "bad request");
        }
        catch (RunNotFoundException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status404NotFound, title: "not found");
        }
    }
}
