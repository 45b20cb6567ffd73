using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Swarm.Dashboard;
using Swarm.ServiceDefaults;
using Swarm.Silo.Hosting;

namespace Swarm.Cli.Commands;

/// <summary>
/// <c>swarm serve</c>: a long-running silo with its health endpoints and the Swarm dashboard's control API (/api). With
/// <c>--cluster redis://HOST:PORT</c> it joins (or forms) that cluster; run it several times for several silos. Without,
/// it serves the embedded state. It listens on loopback unless <c>--urls</c> says otherwise, and off loopback every
/// request must carry the dashboard token.
/// </summary>
public static class ServeCommand
{
    public const string ReadyLine = "silo ready";

    public static Command Create()
    {
        var stateDir = StateDirectory.Option();
        var cluster = ClusterTarget.ClusterOption();
        var urls = new Option<string?>("--urls") { Description = "Where the HTTP endpoints listen (default: ASPNETCORE_URLS, else a free loopback port)" };
        var siloPort = new Option<int>("--silo-port") { Description = "Silo-to-silo port (default: a free one)" };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "Port clients connect to (default: a free one)" };
        var flags = new ModelFlags();
        var command = new Command("serve", "Run a silo until interrupted: the embedded state, or a member of a cluster (--cluster)")
        {
            stateDir, cluster, urls, siloPort, gatewayPort,
        };
        flags.AddTo(command);
        command.SetAction((parse, ct) => ExecuteAsync(
            ClusterTarget.Read(parse, stateDir, cluster), parse.GetValue(urls), parse.GetValue(siloPort), parse.GetValue(gatewayPort), flags.Read(parse), ct));
        return command;
    }

    private static async Task<int> ExecuteAsync(ClusterTarget target, string? urls, int siloPort, int gatewayPort,
        Swarm.Models.ModelProviderSettings models, CancellationToken ct)
    {
        if (siloPort < 0 || gatewayPort < 0) throw new BadInputException("--silo-port and --gateway-port must be ports (0 or more)");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        // A cluster may also come from configuration alone (Aspire injects Orleans__Clustering__…): then no state folder
        // of this machine is involved, and replicas sharing a working directory must not fight over its lock.
        var clustered = target.IsCluster || builder.Configuration.GetSection("Orleans:Clustering").Exists();
        using var stateLock = clustered ? null : target.Lock();
        var where = clustered && !target.IsCluster ? $"cluster {builder.Configuration["Orleans:ClusterId"]} (from configuration)" : target.Describe();
        builder.AddSwarmSilo(new SwarmSiloOptions
        {
            StateDirectory = target.StateDir.FullName,
            SiloPort = siloPort,
            GatewayPort = gatewayPort,
            Configuration = target.Configuration,
            Models = models,
            ConfigureSilo = DashboardExtensions.AddOrleansDashboard,
        }, LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.None);
        // A long-running silo tells its operator what happens to runs (resumed, paused, rerun after a fault).
        builder.Logging.AddFilter("Swarm", LogLevel.Information);
        var listen = urls ?? builder.Configuration["urls"] ?? builder.Configuration["ASPNETCORE_URLS"] ?? "http://127.0.0.1:0";
        builder.WebHost.UseUrls(listen);
        // Off loopback the dashboard and its API answer only requests that carry the token.
        var access = DashboardAccess.For(listen, builder.Configuration[$"{DashboardOptions.Section}:Token"]);
        builder.AddSwarmDashboard(o =>
        {
            o.RequireToken = !access.Open;
            o.Token = access.Token;
            o.OrleansDashboard = true;
        });
        await using var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapSwarmDashboard();
        await app.StartAsync(ct);

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var silo = app.Services.GetRequiredService<Orleans.Runtime.ILocalSiloDetails>();
        Console.WriteLine($"{ReadyLine}: {where}; silo {silo.SiloAddress.Endpoint}, gateway {silo.GatewayAddress?.Endpoint}; "
            + $"http {string.Join(", ", addresses)} (control API /api, health {ServiceDefaultsExtensions.HealthPath})");
        if (!access.Open)
        {
            // Printed once, here: it is the only way in, and it is never logged.
            Console.WriteLine(access.Generated ? $"dashboard token: {access.Token}" : "dashboard token: the one in configuration (Swarm:Dashboard:Token)");
            Console.WriteLine("  listening off loopback: every request but /health and /alive must send Authorization: Bearer <token>");
        }
        Console.WriteLine("Press Ctrl-C to stop.");
        try
        {
            await Task.Delay(Timeout.Infinite, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping is what was asked for: leave the cluster cleanly so its grains move at once.
        }
        await app.StopAsync(CancellationToken.None);
        Console.WriteLine("silo stopped");
        return ExitCodes.Ok;
    }
}
