using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.TestingHost;
using Swarm.Silo.Hosting;

namespace Swarm.Grains.Tests.Plugins;

/// <summary>
/// A test cluster whose silo adds plug-ins of this test assembly through the same builders as Swarm's own
/// (<see cref="SwarmSiloOptions.ConfigurePlugins"/>): a model provider, a detector and a collusion pattern. Swarm's
/// files are not touched to add them.
/// </summary>
public sealed class PluginClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; } = new TestClusterBuilder(1)
        .AddSiloBuilderConfigurator<SiloConfigurator>()
        .AddClientBuilderConfigurator<ClientConfigurator>()
        .Build();

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>The silo's own services: the registered plug-ins as its grains see them.</summary>
    public IServiceProvider SiloServices => Assert.IsType<InProcessSiloHandle>(Cluster.Primary).SiloHost.Services;

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.ConfigureSwarmServices(new SwarmSiloOptions
            {
                Storage = GrainStorageKind.Memory,
                ConfigurePlugins = plugins =>
                {
                    plugins.Models.AddModelProvider<ProbeModelProvider>(ProbeModelProvider.Name);
                    plugins.Detectors.AddDetector<ListedServersDetector>(ListedServersDetector.Label);
                    plugins.CollusionPatterns.AddCollusionPattern<SilentRoundPattern>(SilentRoundPattern.Kind);
                },
            });
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.Services.AddSerializer(s => s.AddJsonSerializer(isSupported: Swarm.ServiceDefaults.SwarmSerialization.IsSwarmType));
    }
}
