using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Swarm.Abstractions.Runtime;
using Swarm.Application;
using Swarm.Application.Control;
using Swarm.Application.Planning;
using Swarm.Scenarios.Loading;

namespace Swarm.Dashboard.Control;

/// <summary>
/// The control API under <c>/api</c>, over <see cref="RunControl"/>. Bad settings answer 400 with the message the CLI
/// would print, unknown ids 404.
/// </summary>
public static class ControlApi
{
    public static IEndpointRouteBuilder MapSwarmControlApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");
        api.MapGet("/runs", (RunControl control) => control.ListAsync());
        api.MapGet("/catalog", (RunControl control) => control.Catalog());
        api.MapGet("/silos", (RunControl control) => control.SilosAsync());
        api.MapPost("/experiments", (RunControl control, PaperRunOrder body) => Answer(() => control.StartPaperRunAsync(body)));
        api.MapPost("/studies", (RunControl control, StudyRunOrder body) => Answer(() => control.StartStudyAsync(body)));
        api.MapPost("/runs/{id}/pause", (RunControl control, string id) => Answer(() => control.PauseAsync(id)));
        api.MapPost("/runs/{id}/resume", (RunControl control, string id) => Answer(() => control.ResumeAsync(id)));
        api.MapPost("/runs/{id}/cancel", (RunControl control, string id) => Answer(() => control.CancelAsync(id)));
        api.MapPost("/shutdowns", (RunControl control, ShutdownBody body) => Answer(() => control.ShutDownAsync(body.Agent, body.Reason, body.AtRound)));
        return endpoints;
    }

    private static async Task<IResult> Answer<T>(Func<Task<T>> action)
    {
        try
        {
            return Results.Ok(await action());
        }
        catch (RunRequestException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest, title: "bad request");
        }
        catch (ScenarioValidationException ex)
        {
            return Results.Problem(string.Join("\n", ex.Errors), statusCode: StatusCodes.Status400BadRequest, title: "invalid scenario or study");
        }
        catch (RunCancelledException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, title: "cancelled");
        }
        catch (RunNotFoundException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status404NotFound, title: "not found");
        }
    }
}
