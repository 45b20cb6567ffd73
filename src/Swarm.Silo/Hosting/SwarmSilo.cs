using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Serialization;
using Swarm.Grains;
using Swarm.Models;
using Swarm.Scenarios.Detection;
using Swarm.Silo.Storage;

namespace Swarm.Silo.Hosting;

/// <summary>One place that turns options into a configured silo, shared by the CLI, tests and benchmarks.</summary>
public static class SwarmSilo
{
    public static ISiloBuilder ConfigureSwarm(this ISiloBuilder silo, SwarmSiloOptions options)
    {
        silo.UseLocalhostClustering(FreePortOr(options.SiloPort), FreePortOr(options.GatewayPort), serviceId: "swarm", clusterId: "swarm-local");
        silo.ConfigureSwarmServices(options);
        return silo;
    }

    /// <summary>Everything but clustering, for hosts (such as the test cluster) that choose their own.</summary>
    public static ISiloBuilder ConfigureSwarmServices(this ISiloBuilder silo, SwarmSiloOptions options)
    {
        if (options.Storage == GrainStorageKind.Memory)
            silo.AddMemoryGrainStorage(GrainKeys.Storage);
        else
            silo.AddSqliteGrainStorage(GrainKeys.Storage, o => o.DatabasePath = options.DatabasePath);
        silo.UseSystemTextJsonGrainStorageSerializer();
        silo.Services.AddSerializer(s => s.AddJsonSerializer(isSupported: IsSwarmType));
        silo.Services.AddSwarmDetectors();
        silo.Services.AddSingleton(options.Models);
        silo.Services.AddSingleton<Swarm.Models.Embeddings.IEmbeddingFactory>(sp => new Swarm.Models.Embeddings.EmbeddingFactory(sp.GetRequiredService<ModelProviderSettings>()));
        silo.Services.AddSingleton<IModelClientFactory>(sp => new ModelClientFactory(sp.GetRequiredService<ModelProviderSettings>(), sp.GetService<ILoggerFactory>()));
        // A real model's episode can take minutes; Orleans' 30 s default would cut trials short.
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromHours(1));
        return silo;
    }

    /// <summary>The embedded default: a silo in this process, quiet logs, grains reachable through IGrainFactory.</summary>
    public static IHost BuildEmbeddedHost(SwarmSiloOptions options, LogLevel logLevel = LogLevel.Warning)
    {
        Directory.CreateDirectory(options.StateDirectory);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
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
        builder.AddSwarmTelemetry();
        builder.UseOrleans(silo => silo.ConfigureSwarm(options));
        return builder.Build();
    }

    /// <summary>Swarm's records travel as JSON; exceptions keep Orleans' own exception codec.</summary>
    public static bool IsSwarmType(Type type) =>
        type.Namespace?.StartsWith("Swarm.", StringComparison.Ordinal) == true && !typeof(Exception).IsAssignableFrom(type);

    private static int FreePortOr(int port)
    {
        if (port != 0) return port;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
