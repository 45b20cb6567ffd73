using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Swarm.Dashboard.Access;
using Swarm.Dashboard.Control;

namespace Swarm.Dashboard;

/// <summary>Hosting the Swarm dashboard's web side beside a silo: <c>AddSwarmDashboard()</c> then <c>MapSwarmDashboard()</c>.</summary>
public static class DashboardExtensions
{
    public static IHostApplicationBuilder AddSwarmDashboard(this IHostApplicationBuilder builder, Action<DashboardOptions>? configure = null)
    {
        var options = builder.Services.AddOptions<DashboardOptions>().Bind(builder.Configuration.GetSection(DashboardOptions.Section));
        if (configure is not null) options.Configure(configure);
        builder.Services.AddSingleton<RunControl>();
        // Statuses read as words in the API (Queued, Executed), as they do in the CLI.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        return builder;
    }

    public static WebApplication MapSwarmDashboard(this WebApplication app)
    {
        app.UseMiddleware<TokenGate>();
        app.MapSwarmControlApi();
        return app;
    }
}
