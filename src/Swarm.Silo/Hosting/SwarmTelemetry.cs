using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Swarm.Models;

namespace Swarm.Silo.Hosting;

/// <summary>
/// OpenTelemetry for a Swarm host: model calls (GenAI semantic conventions from Microsoft.Extensions.AI), Orleans
/// and the host's logs, exported over OTLP to the standalone Aspire dashboard or any collector. Off unless the
/// standard OTEL_EXPORTER_OTLP_ENDPOINT variable is set, so an offline run pays nothing for it.
/// </summary>
public static class SwarmTelemetry
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static bool Enabled => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(EndpointVariable));

    public static IHostApplicationBuilder AddSwarmTelemetry(this IHostApplicationBuilder builder, string serviceName = "swarm")
    {
        if (!Enabled) return builder;
        builder.Logging.AddOpenTelemetry(o =>
        {
            o.IncludeFormattedMessage = true;
            o.IncludeScopes = true;
            o.AddOtlpExporter();
        });
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithTracing(t => t.AddSource(ModelClientFactory.TelemetrySource, "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application").AddOtlpExporter())
            .WithMetrics(m => m.AddMeter(ModelClientFactory.TelemetrySource, "Microsoft.Orleans").AddOtlpExporter());
        return builder;
    }
}
