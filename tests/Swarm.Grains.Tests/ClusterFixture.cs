using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.TestingHost;
using Swarm.Silo.Hosting;

namespace Swarm.Grains.Tests;

/// <summary>One in-process test cluster with in-memory grain storage, shared by the grain tests.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>Created before the cluster, as a silo's tracer provider is.</summary>
    public SpanRecorder Spans { get; } = new();

    public TestCluster Cluster { get; } = new TestClusterBuilder(1)
        .AddSiloBuilderConfigurator<SiloConfigurator>()
        .AddClientBuilderConfigurator<ClientConfigurator>()
        .Build();

    public IGrainFactory Grains => Cluster.GrainFactory;

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        Spans.Dispose();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.ConfigureSwarmServices(new SwarmSiloOptions { Storage = GrainStorageKind.Memory, Tracing = true });
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.Services.AddSerializer(s => s.AddJsonSerializer(isSupported: Swarm.ServiceDefaults.SwarmSerialization.IsSwarmType));
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
