using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
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

    public static bool Enabled(IHostApplicationBuilder builder) => Enabled(builder.Configuration);

    public static bool Enabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[EndpointVariable] ?? Environment.GetEnvironmentVariable(EndpointVariable));

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
            // Aspire names each process after its resource (OTEL_SERVICE_NAME); elsewhere the process says what it is.
            .ConfigureResource(r => r.AddService(builder.Configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } named ? named : serviceName))
            .WithTracing(t => t
                // Grain calls, not the runtime's own chatter (membership pings, timers), and not health probes: a trace
                // should read as a run's work.
                .AddSource(Prefix + ".*", "Microsoft.Orleans.Application")
                .AddAspNetCoreInstrumentation(o => o.Filter = context =>
                    !context.Request.Path.StartsWithSegments(ServiceDefaultsExtensions.HealthPath)
                        && !context.Request.Path.StartsWithSegments(ServiceDefaultsExtensions.AlivePath))
                .AddProcessor(new UnparentedRedisCommands())
                .AddOtlpExporter(o => DeepenSpanQueue(o.BatchExportProcessorOptions, builder.Configuration)))
            .WithMetrics(m => m
                .AddMeter(Prefix + ".*", "Microsoft.Orleans")
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddOtlpExporter());
        return builder;
    }

    /// <summary>
    /// The SDK's span queue holds 2,048 spans by default and drops what does not fit. A study round ends hundreds of
    /// episodes at once, each a trace of dozens of spans, so the queue overflows within a moment and traces come out
    /// with holes: most often their outermost spans, which end last (a trial that ran beside a study showed its model
    /// calls without the grain calls that made them). A deeper queue, flushed every second, holds a round of a few
    /// hundred agents; the standard OTEL_BSP_* variables still decide when they are set.
    /// </summary>
    private static void DeepenSpanQueue(BatchExportProcessorOptions<System.Diagnostics.Activity> options, IConfiguration configuration)
    {
        if (string.IsNullOrEmpty(configuration[SpanQueueVariable])) options.MaxQueueSize = SpanQueue;
        if (string.IsNullOrEmpty(configuration[SpanDelayVariable])) options.ScheduledDelayMilliseconds = 1000;
    }

    private const int SpanQueue = 32_768;
    private const string SpanQueueVariable = "OTEL_BSP_MAX_QUEUE_SIZE";
    private const string SpanDelayVariable = "OTEL_BSP_SCHEDULE_DELAY";
}
