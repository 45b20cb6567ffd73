using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Swarm.Abstractions.Grains;
using Swarm.Grains.Providers;
using Swarm.Grains.Runs;
using Swarm.Grains.Telemetry;
using Swarm.Grains.Trials;
using Swarm.Scenarios.Trials;
using Swarm.ServiceDefaults;
using Swarm.Silo.Storage;

namespace Swarm.Silo.Hosting;

/// <summary>
/// One place that turns configuration into a Swarm silo, shared by the CLI, <c>swarm serve</c>, the AppHost's
/// replicas, tests and benchmarks. Clustering, grain storage and reminders come from the <c>Orleans</c> section in
/// the shape Aspire.Hosting.Orleans injects (<c>Orleans__Clustering__ProviderType=Redis</c>, …); whatever it leaves
/// out falls back to the embedded default: localhost clustering, SQLite under the state folder, in-memory reminders.
/// </summary>
public static class SwarmSilo
{
    public const string ServiceName = "swarm-silo";

    /// <summary>Configuration key of the model for runs and factions that name none (env <c>Swarm__Models__DefaultModel</c>).</summary>
    public const string DefaultModelKey = "Swarm:Models:DefaultModel";

    public static ISiloBuilder ConfigureSwarm(this ISiloBuilder silo, SwarmSiloOptions options)
    {
        var orleans = silo.Configuration.GetSection(ClusterConfiguration.Section);
        if (!orleans.GetSection("Clustering").Exists())
            silo.UseLocalhostClustering(FreePortOr(options.SiloPort), FreePortOr(options.GatewayPort), serviceId: "swarm", clusterId: "swarm-local");
        else if (options.InKubernetesPod ?? KubernetesPod.IsPresent())
            silo.UseKubernetesHosting();
        else if (!orleans.GetSection("Endpoints").Exists())
            // Several silos on one machine: each takes free ports and advertises loopback. A silo on its own host
            // is told its address and ports by configuration (Aspire, Kubernetes hosting) instead.
            silo.ConfigureEndpoints(IPAddress.Loopback, FreePortOr(options.SiloPort), FreePortOr(options.GatewayPort), listenOnAnyHostAddress: false);
        silo.ConfigureSwarmServices(options);
        return silo;
    }

    /// <summary>Everything but clustering, for hosts (such as the test cluster) that choose their own.</summary>
    public static ISiloBuilder ConfigureSwarmServices(this ISiloBuilder silo, SwarmSiloOptions options)
    {
        var orleans = silo.Configuration.GetSection(ClusterConfiguration.Section);
        if (!orleans.GetSection("GrainStorage").GetSection(GrainKeys.Storage).Exists())
        {
            if (options.Storage == GrainStorageKind.Memory)
                silo.AddMemoryGrainStorage(GrainKeys.Storage);
            else
                silo.AddSqliteGrainStorage(GrainKeys.Storage, o => o.DatabasePath = options.DatabasePath);
        }
        var clustered = orleans.GetSection("Clustering").Exists();
        var resumeSection = silo.Configuration.GetSection("Swarm:Resume");
        var automatic = resumeSection.GetValue<bool?>(nameof(ResumeOptions.Automatic)) ?? options.ResumeRuns ?? clustered;
        silo.Services.AddOptions<ResumeOptions>().Configure(o => o.Automatic = automatic).Bind(resumeSection);
        // A cluster's reminders (Redis, Azure) wake its runs. Embedded runs resume when the command is run again, so an
        // embedded silo starts no reminder service: one started in a command that lasts seconds was still reading its
        // table when the command stopped, and printed the cancelled read with its stack trace.
        if (automatic && !orleans.GetSection("Reminders").Exists()) silo.UseInMemoryReminderService();
        // Orleans refuses reminders more frequent than a minute unless told otherwise; allow the period Swarm asks for.
        silo.Services.AddOptions<ReminderOptions>().PostConfigure<IOptions<ResumeOptions>>((reminders, resume) =>
            reminders.MinimumReminderPeriod = TimeSpan.FromTicks(Math.Min(reminders.MinimumReminderPeriod.Ticks, resume.Value.ReminderPeriod.Ticks)));
        // How soon a dead silo is noticed (and its work rerun) can be tuned like any Orleans option.
        silo.Services.AddOptions<ClusterMembershipOptions>().Bind(orleans.GetSection("Membership"));
        silo.UseSwarmGrainStorageSerializer();
        silo.Services.AddSwarmSerialization();
        silo.Services.AddEndpointGates(clustered);
        // A paper trial whose critic an MCP client plays (swarm mcp --prepare) runs on this silo's grains.
        silo.Services.AddSingleton<IExternalCriticTrial, ExternalCriticTrial>();
        // The model of runs and factions that name none may come from configuration, else from the registered providers.
        var models = silo.Configuration[DefaultModelKey] is { Length: > 0 } configured ? options.Models with { DefaultModel = configured } : options.Models;
        var plugins = silo.Services.AddSwarmPlugins(models, options.Harnesses);
        options.ConfigurePlugins?.Invoke(plugins);
        silo.Services.AddMetrics();
        silo.Services.AddSingleton<RunMetrics>();
        // Grain calls carry the caller's trace, so a trial's spans run from the experiment to the model call. Orleans adds
        // this itself when configuration says Orleans:EnableDistributedTracing (Aspire does); else Swarm asks for it
        // whenever traces are exported.
        var tracing = options.Tracing ?? SwarmTelemetry.Enabled(silo.Configuration);
        var orleansTraces = bool.TryParse(orleans["EnableDistributedTracing"], out var on) && on;
        if (tracing && !orleansTraces) silo.AddActivityPropagation();
        // A real model's episode can take minutes; Orleans' 30 s default would cut trials short.
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromHours(1));
        return silo;
    }

    /// <summary>
    /// A Swarm silo in this application: quiet logs, service defaults, Orleans configured from
    /// <paramref name="options"/> and the builder's configuration (to which <c>options.Configuration</c> is added).
    /// </summary>
    public static TBuilder AddSwarmSilo<TBuilder>(this TBuilder builder, SwarmSiloOptions options, LogLevel logLevel = LogLevel.Warning)
        where TBuilder : IHostApplicationBuilder
    {
        if (options.Storage == GrainStorageKind.Sqlite) Directory.CreateDirectory(options.StateDirectory);
        builder.Configuration.AddInMemoryCollection(options.Configuration);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(logLevel);
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        // The silo's start-up advice about server GC is noise for an embedded, short-lived process.
        builder.Logging.AddFilter("Orleans.Runtime.Silo", LogLevel.Error);
        // On a busy 2-core machine the watchdog warns about scheduling delays that do not affect results.
        builder.Logging.AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);
        // A failed model call (HTTP 500 after retries, a --replay miss) is the trial's recorded error and is summed
        // up at the end of the run; the AI pipeline's own console lines repeat it with a full stack trace per call.
        builder.Logging.AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>("Microsoft.Extensions.AI", LogLevel.Critical);
        builder.AddServiceDefaults(ServiceName);
        builder.UseOrleans(silo =>
        {
            silo.ConfigureSwarm(options);
            options.ConfigureSilo?.Invoke(silo);
        });
        return builder;
    }

    /// <summary>A silo in this process with grains reachable through IGrainFactory: the embedded default, or a member of the cluster that configuration
    /// names.</summary>
    public static IHost BuildEmbeddedHost(SwarmSiloOptions options, LogLevel logLevel = LogLevel.Warning)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddEnvironmentVariables();
        builder.AddSwarmSilo(options, logLevel);
        // A command's standard output is its result (tables, JSON); the silo inside it speaks on standard error.
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        return builder.Build();
    }

    internal static int FreePortOr(int port)
    {
        if (port != 0) return port;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
