using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Swarm.Dashboard.Access;

/// <summary>
/// Off loopback, every request but the health probes must carry <c>Authorization: Bearer {token}</c>; anything else is
/// refused with 401 before it reaches an endpoint. On loopback the gate stands open.
/// </summary>
public sealed class TokenGate(RequestDelegate next, IOptions<DashboardOptions> options)
{
    /// <summary>Probes (Aspire, Kubernetes) reveal nothing and cannot carry a token.</summary>
    private static readonly string[] OpenPaths = ["/health", "/alive"];

    public Task InvokeAsync(HttpContext context)
    {
        var settings = options.Value;
        if (!settings.RequireToken || OpenPaths.Contains(context.Request.Path.Value, StringComparer.Ordinal) || Carries(context, settings.Token))
            return next(context);
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return context.Response.WriteAsync("a token is required: send Authorization: Bearer <token> (swarm serve printed it, or Swarm:Dashboard:Token)");
    }

    private static bool Carries(HttpContext context, string? token)
    {
        if (string.IsNullOrEmpty(token)) return false;
        var header = context.Request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[prefix.Length..].Trim()), Encoding.UTF8.GetBytes(token));
    }

    /// <summary>A fresh random token (256 bits, URL-safe).</summary>
    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
