using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Swarm.Dashboard.Live;

namespace Swarm.Dashboard.Access;

/// <summary>
/// Off loopback, every request but the health probes and the login page must carry the token: as
/// <c>Authorization: Bearer {token}</c> (API clients), or in the cookie the login page sets (browsers). A browser's
/// state-changing request must also carry an anti-forgery token, since a cookie rides along with any site's request.
/// Anything else is refused with 401 (pages: sent to the login page) before it reaches an endpoint. On loopback the
/// gate stands open.
/// </summary>
public sealed class TokenGate(RequestDelegate next, IOptions<DashboardOptions> options, IAntiforgery antiforgery)
{
    public const string CookieName = "swarm_dashboard";

    /// <summary>Probes (Aspire, Kubernetes) reveal nothing and cannot carry a token; the login page is how a browser gets one in.</summary>
    private static readonly string[] OpenPaths = ["/health", "/alive", LoginPage.Path, "/swarm.css"];

    public async Task InvokeAsync(HttpContext context)
    {
        var settings = options.Value;
        if (!settings.RequireToken || OpenPaths.Contains(context.Request.Path.Value, StringComparer.Ordinal))
        {
            await next(context);
            return;
        }
        if (Matches(Bearer(context), settings.Token))
        {
            await next(context);
            return;
        }
        if (Matches(context.Request.Cookies[CookieName], settings.Token))
        {
            if (IsUnsafe(context.Request.Method) && !context.Request.Path.StartsWithSegments(RunsHub.Path, StringComparison.Ordinal)
                && !await antiforgery.IsRequestValidAsync(context))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsync("the request lacks a valid anti-forgery token (X-CSRF-TOKEN, from GET /api/antiforgery)");
                return;
            }
            await next(context);
            return;
        }
        if (HttpMethods.IsGet(context.Request.Method) && context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal))
        {
            context.Response.Redirect(LoginPage.Path);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        await context.Response.WriteAsync("a token is required: send Authorization: Bearer <token> (swarm serve printed it, or Swarm:Dashboard:Token)");
    }

    private static bool IsUnsafe(string method) => !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));

    private static string? Bearer(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        return header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? header[prefix.Length..].Trim() : null;
    }

    /// <summary>Constant-time, so the comparison's duration says nothing about how much of a guess was right.</summary>
    public static bool Matches(string? given, string? token) =>
        !string.IsNullOrEmpty(token) && given is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(token));

    /// <summary>A fresh random token (256 bits, URL-safe).</summary>
    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
