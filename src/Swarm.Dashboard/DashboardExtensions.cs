using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Swarm.Application;
using Swarm.Application.Control;
using Swarm.Dashboard.Access;
using Swarm.Dashboard.Control;
using Swarm.Dashboard.Inspect;
using Swarm.Dashboard.Live;

namespace Swarm.Dashboard;

/// <summary>Hosting the Swarm dashboard beside a silo: <c>AddSwarmDashboard()</c> then <c>MapSwarmDashboard()</c>.</summary>
public static class DashboardExtensions
{
    /// <summary>The header a browser's state-changing request carries its anti-forgery token in.</summary>
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    /// <summary>Where Orleans' own dashboard is mounted.</summary>
    public const string OrleansDashboardPath = "/orleans";

    /// <summary>Adds Orleans' own dashboard to a silo that hosts the Swarm dashboard (every silo of a cluster should).</summary>
    public static void AddOrleansDashboard(Orleans.Hosting.ISiloBuilder silo) => Orleans.Dashboard.ServiceCollectionExtensions.AddDashboard(silo);

    /// <summary>The dashboard's services: the application layer it presents, the token gate's anti-forgery, SignalR and the run watcher.</summary>
    public static IHostApplicationBuilder AddSwarmDashboard(this IHostApplicationBuilder builder, Action<DashboardOptions>? configure = null)
    {
        var options = builder.Services.AddOptions<DashboardOptions>().Bind(builder.Configuration.GetSection(DashboardOptions.Section));
        if (configure is not null) options.Configure(configure);
        builder.Services.AddSwarmApplication();
        // Orders name scenario files under the dashboard's scenario root (Swarm:Dashboard:ScenarioRoot).
        builder.Services.AddOptions<RunControlOptions>()
            .Configure<IOptions<DashboardOptions>>((control, dashboard) => control.ScenarioRoot = dashboard.Value.ScenarioRoot);
        builder.Services.AddAntiforgery(o => o.HeaderName = AntiforgeryHeader);
        builder.Services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddHostedService<RunWatcher>();
        // Statuses read as words in the API (Queued, Executed), as they do in the CLI.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        return builder;
    }

    public static WebApplication MapSwarmDashboard(this WebApplication app)
    {
        app.UseMiddleware<TokenGate>();
        var assets = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (Directory.Exists(assets))
        {
            var files = new PhysicalFileProvider(assets);
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        }
        app.MapSwarmLogin();
        app.MapGet("/api/antiforgery", (HttpContext context, IAntiforgery antiforgery) =>
            Results.Ok(new { header = AntiforgeryHeader, token = antiforgery.GetAndStoreTokens(context).RequestToken }));
        app.MapSwarmControlApi();
        app.MapSwarmInspectApi();
        app.MapHub<RunsHub>(RunsHub.Path);
        // Orleans' own dashboard, behind the same gate as every other page.
        if (app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value.OrleansDashboard)
            Orleans.Dashboard.ServiceCollectionExtensions.MapOrleansDashboard(app, routePrefix: OrleansDashboardPath);
        return app;
    }
}
