using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Swarm.Application;
using Swarm.Models;
using Swarm.Silo.Hosting;

namespace Swarm.Cli.Commands;

/// <summary>
/// A command's way to the grains: an embedded silo in this process, or an Orleans client of a cluster. Either way the
/// command sees one <see cref="IGrainFactory"/> and the application layer over it (<see cref="Services"/>), so every
/// command runs the same code in both modes.
/// </summary>
public sealed class SwarmConnection : IAsyncDisposable
{
    private readonly IHost _host;

    private SwarmConnection(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The host's services, the application layer's (<see cref="ApplicationServiceCollectionExtensions.AddSwarmApplication"/>) among them.</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>An application service (run control, following, results) over this connection's grains.</summary>
    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    /// <param name="models">How an embedded silo reaches model providers; a cluster's silos use their own settings.</param>
    /// <param name="harnesses">How an embedded silo runs agent harnesses; a cluster's silos use their own settings.</param>
    public static async Task<SwarmConnection> OpenAsync(ClusterTarget target, ModelProviderSettings models, CancellationToken ct,
        Swarm.Mcp.Harnesses.HarnessSettings? harnesses = null)
    {
        // A silo registers the plug-ins itself; a client registers them as the command sees them (reports, study.json's hypotheses).
        var host = target.IsCluster
            ? SwarmClient.BuildHost(target.Configuration, configureServices: services =>
            {
                services.AddSwarmPlugins(models);
                services.AddSwarmApplication();
            })
            : SwarmSilo.BuildEmbeddedHost(new SwarmSiloOptions
            {
                StateDirectory = target.StateDir.FullName,
                Models = models,
                Harnesses = harnesses ?? new(),
                ConfigureSilo = silo => silo.Services.AddSwarmApplication(),
            });
        try
        {
            await host.StartAsync(ct);
        }
        catch (Exception ex) when (target.IsCluster && ex is not OperationCanceledException)
        {
            host.Dispose();
            throw new ClusterUnreachableException(
                $"cannot reach the cluster at {target.Cluster}: {ex.Message} (is a silo running? start one with: {target.ServeHint})", ex);
        }
        return new SwarmConnection(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }
}
