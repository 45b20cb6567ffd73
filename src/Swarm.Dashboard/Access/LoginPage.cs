using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Swarm.Dashboard.Access;

/// <summary>
/// The page a browser signs in with off loopback: the researcher pastes the token <c>swarm serve</c> printed; the
/// form carries an anti-forgery token; a right token sets an HttpOnly, SameSite=Strict cookie holding it.
/// </summary>
public static class LoginPage
{
    public const string Path = "/login";

    public static IEndpointRouteBuilder MapSwarmLogin(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (HttpContext context, IAntiforgery antiforgery) => Page(context, antiforgery, null));
        endpoints.MapPost(Path, async (HttpContext context, IAntiforgery antiforgery, IOptions<DashboardOptions> options) =>
        {
            // The form's anti-forgery token: no other site can make a browser sign in here (or out of its own session).
            if (!await antiforgery.IsRequestValidAsync(context))
                return Page(context, antiforgery, "The form expired; try again.", StatusCodes.Status400BadRequest);
            var form = await context.Request.ReadFormAsync();
            var token = form["token"].ToString().Trim();
            if (!options.Value.RequireToken) return Results.Redirect("/");
            if (!TokenGate.Matches(token, options.Value.Token))
                return Page(context, antiforgery, "That is not the dashboard's token.", StatusCodes.Status401Unauthorized);
            context.Response.Cookies.Append(TokenGate.CookieName, token, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = context.Request.IsHttps,
                Path = "/",
            });
            return Results.Redirect("/");
        });
        return endpoints;
    }

    private static IResult Page(HttpContext context, IAntiforgery antiforgery, string? error, int status = StatusCodes.Status200OK)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var html = HtmlEncoder.Default;
        var message = error is null ? "" : $"<p class=\"error\" role=\"alert\">{html.Encode(error)}</p>";
        return Results.Content($$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Swarm dashboard · sign in</title>
            <link rel="stylesheet" href="/swarm.css"></head>
            <body><main class="login">
            <h1>Swarm dashboard</h1>
            <p>This dashboard listens off loopback, so it asks for the token <code>swarm serve</code> printed when it started
            (or <code>Swarm:Dashboard:Token</code> from its configuration).</p>
            {{message}}
            <form method="post" action="{{Path}}">
              <input type="hidden" name="{{html.Encode(tokens.FormFieldName)}}" value="{{html.Encode(tokens.RequestToken ?? "")}}">
              <label>Token <input name="token" type="password" autocomplete="off" required autofocus></label>
              <button type="submit">Sign in</button>
            </form></main></body></html>
            """, "text/html; charset=utf-8", statusCode: status);
    }
}
