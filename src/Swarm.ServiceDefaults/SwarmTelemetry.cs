using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Swarm.ServiceDefaults;

/// <summary>
/// OpenTelemetry for a Swarm process: Swarm's own sources and meters (model calls follow the GenAI semantic
/// conventions of Microsoft.Extensions.AI), Orleans, ASP.NET Core, the runtime, and the host's logs, exported over
/// OTLP to the Aspire dashboard or any collector. Off unless the standard OTEL_EXPORTER_OTLP_ENDPOINT variable is
/// set (Aspire sets it), so an offline run pays nothing for it.
/// </summary>
public static class SwarmTelemetry
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Every Swarm activity source and meter is named under this prefix.</summary>
    public const string Prefix = "Swarm";

    public static bool Enabled(IHostApplicationBuilder builder) =>
        !string.IsNullOrWhiteSpace(builder.Configuration[EndpointVariable] ?? Environment.GetEnvironmentVariable(EndpointVariable));

    public static IHostApplicationBuilder AddSwarmTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        if (!Enabled(builder)) return builder;
        builder.Logging.AddOpenTelemetry(o =>
        {
            o.IncludeFormattedMessage = true;
            o.IncludeScopes = true;
            o.AddOtlpExporter();
        });
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithTracing(t => t
                .AddSource(Prefix + ".*", "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                .AddAspNetCoreInstrumentation()
                .AddOtlpExporter())
            .WithMetrics(m => m
                .AddMeter(Prefix + ".*", "Microsoft.Orleans")
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddOtlpExporter());
        return builder;
    }
}
