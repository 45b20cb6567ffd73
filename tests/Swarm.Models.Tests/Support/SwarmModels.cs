using Microsoft.Extensions.DependencyInjection;
using Swarm.Models.Embeddings;
using Swarm.Models.Gates;
using Swarm.Models.Providers;

namespace Swarm.Models.Tests.Support;

/// <summary>Swarm's model layer as a silo registers it (<see cref="ModelServiceCollectionExtensions.AddSwarmModels"/>), for tests without a silo.</summary>
public static class SwarmModels
{
    public static IServiceProvider Services(
        ModelProviderSettings? settings = null, IEndpointGateProvider? gates = null, Action<ModelProviderBuilder>? plugins = null)
    {
        var services = new ServiceCollection();
        if (gates is not null) services.AddSingleton(gates);
        var builder = services.AddSwarmModels(settings ?? new ModelProviderSettings());
        plugins?.Invoke(builder);
        return services.BuildServiceProvider();
    }

    public static IModelClientFactory Factory(ModelProviderSettings? settings = null, IEndpointGateProvider? gates = null) =>
        Services(settings, gates).GetRequiredService<IModelClientFactory>();

    public static IEmbeddingFactory Embeddings(ModelProviderSettings? settings = null) =>
        Services(settings).GetRequiredService<IEmbeddingFactory>();
}
