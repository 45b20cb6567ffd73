using Swarm.Models.External;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Swarm.Mcp;

/// <summary>
/// Streamable HTTP on loopback for any number of episodes, each at <c>/mcp/{secret}</c> with a secret of its own
/// (<see cref="WorldSecret"/>). A request to any other secret is refused with 401 before MCP sees it, so a client
/// holding one world's address cannot reach another world, and nothing off this machine can reach any.
/// </summary>
public sealed class McpHttpHost : IAsyncDisposable
{
    public const string RoutePrefix = "/mcp/";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Registration> _episodes = new(StringComparer.Ordinal);

    private McpHttpHost(WebApplication app) => _app = app;

    /// <summary>http://127.0.0.1:PORT/ as bound.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<McpHttpHost> StartAsync(string version, int port = 0, LogLevel logLevel = LogLevel.Warning, CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(logLevel);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        // Standard output may be an MCP stdio stream or a command's result; this host speaks on standard error.
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        McpHttpHost? host = null;
        builder.Services.AddMcpServer().WithHttpTransport(o =>
        {
            o.ConfigureSessionOptions = (context, options, _) =>
            {
                SwarmMcpServer.Configure(options, host!.Find(context)!.Episode, version);
                return Task.CompletedTask;
            };
        });
        var app = builder.Build();
        host = new McpHttpHost(app);
        app.Use(async (context, next) =>
        {
            if (host.Find(context) is null)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await context.Response.WriteAsync("unknown or missing world secret", context.RequestAborted);
                return;
            }
            await next(context);
        });
        app.MapMcp(RoutePrefix + "{secret}");
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        return host;
    }

    /// <summary>
    /// Serves <paramref name="episode"/> under a fresh secret until the returned handle is disposed. Streamable HTTP has
    /// no disconnect to end an episode on (a client may be stateless, one request at a time): an episode served here
    /// ends at its finish, or when its owner ends it (the harness exited, the researcher pressed Ctrl-C).
    /// </summary>
    public McpHttpEndpoint Register(IMcpEpisode episode)
    {
        var secret = WorldSecret.Create();
        _episodes[secret] = new Registration(episode);
        return new McpHttpEndpoint(new Uri(BaseAddress, RoutePrefix.TrimStart('/') + secret), () => _episodes.TryRemove(secret, out _));
    }

    private Registration? Find(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (!path.StartsWith(RoutePrefix, StringComparison.Ordinal)) return null;
        var offered = path[RoutePrefix.Length..].Split('/')[0];
        // Compared in constant time, so response timing says nothing about how much of a secret was right.
        var offeredBytes = Encoding.UTF8.GetBytes(offered);
        Registration? found = null;
        foreach (var (secret, registration) in _episodes)
            if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), offeredBytes)) found = registration;
        return found;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed record Registration(IMcpEpisode Episode);
}
