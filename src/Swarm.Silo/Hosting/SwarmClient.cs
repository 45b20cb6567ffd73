using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Swarm.ServiceDefaults;

namespace Swarm.Silo.Hosting;

/// <summary>An Orleans client of a running Swarm cluster, from the same configuration as its silos.</summary>
public static class SwarmClient
{
    public const string ServiceName = "swarm-client";

    /// <summary>How long a client keeps trying to reach a cluster that has no silo up yet.</summary>
    public static readonly TimeSpan ConnectFor = TimeSpan.FromSeconds(30);

    /// <summary>How long a client's call may go unanswered before it is given up (and, for polls, asked again).</summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(20);

    /// <param name="configureServices">The client's own services beside Orleans' (a command's application layer and plug-ins).</param>
    public static IHost BuildHost(IReadOnlyDictionary<string, string?> configuration, LogLevel logLevel = LogLevel.Warning,
        Action<IServiceCollection>? configureServices = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        // The environment may be a silo's (the same Orleans__ keys for every process); a client takes its share of it.
        builder.Configuration.AddInMemoryCollection(ClusterConfiguration.ForClient(new ConfigurationBuilder().AddEnvironmentVariables().Build()
            .AsEnumerable()));
        builder.Configuration.AddInMemoryCollection(ClusterConfiguration.ForClient(configuration));
        builder.Logging.SetMinimumLevel(logLevel);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        // A command's standard output is its result (tables, JSON); the client's own messages go to standard error.
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        // A cluster that cannot be reached is reported once, by the command, with what to do.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        builder.Logging.AddFilter("Orleans.OutsideRuntimeClient", LogLevel.None);
        builder.Logging.AddFilter("Orleans.Messaging.GatewayManager", LogLevel.Error);
        // A silo dying under a run is reported once by the command that waits for the run to move; the client's own
        // connection warnings would repeat it with stack traces.
        builder.Logging.AddFilter("Orleans.Runtime.Messaging", LogLevel.Error);
        builder.Logging.AddFilter("Orleans.Messaging", LogLevel.Error);
        builder.AddServiceDefaults(ServiceName);
        configureServices?.Invoke(builder.Services);
        builder.UseOrleansClient(client =>
        {
            client.Services.AddSwarmSerialization();
            var orleansTraces = bool.TryParse(builder.Configuration["Orleans:EnableDistributedTracing"], out var on) && on;
            if (SwarmTelemetry.Enabled(builder.Configuration) && !orleansTraces) client.AddActivityPropagation();
            var started = System.Diagnostics.Stopwatch.StartNew();
            client.UseConnectionRetryFilter(async (_, ct) =>
            {
                if (started.Elapsed > ConnectFor) return false;
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
                return true;
            });
            // A client only asks runs how they stand (the waiting on models happens between grains). A request whose
            // silo died after the gateway forwarded it never gets an answer; this bounds how long a command waits
            // before asking again (ClusterPatience), where the grain has come back on another silo.
            client.Configure<Orleans.Configuration.ClientMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
        });
        return builder.Build();
    }
}
