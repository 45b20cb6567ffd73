using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Swarm.Abstractions.Models;
using Swarm.Abstractions.Plugins;
using Swarm.Models.Embeddings;
using Swarm.Models.Gates;
using Swarm.Models.OpenAi;
using Swarm.Models.Sim;

namespace Swarm.Models.Providers;

public static class ModelServiceCollectionExtensions
{
    /// <summary>
    /// Swarm's model layer: the built-in providers, the <see cref="IModelCatalog"/> over whatever is registered with
    /// <see cref="ModelProviderBuilder.AddModelProvider{T}"/>, and the chat client and embedding factories built on it.
    /// <paramref name="settings"/> (how real providers are reached) is registered unless the services already hold some.
    /// Calling it again returns the same builder.
    /// </summary>
    public static ModelProviderBuilder AddSwarmModels(this IServiceCollection services, ModelProviderSettings? settings = null) =>
        services.GetOrAddPluginBuilder(() => new ModelProviderBuilder(services), builder =>
        {
            services.TryAddSingleton(settings ?? new ModelProviderSettings());
            builder.AddModelProvider<SimModelProvider>(SimModelProvider.Name);
            builder.AddModelProvider<OpenAiModelProvider>(OpenAiModelProvider.Name);
            services.AddSingleton(sp => new ModelProviders(builder.Resolve(sp), sp.GetRequiredService<ModelProviderSettings>()));
            services.AddSingleton<IModelCatalog>(sp => sp.GetRequiredService<ModelProviders>());
            services.AddSingleton<IModelClientFactory>(sp => new ModelClientFactory(sp.GetRequiredService<ModelProviders>(),
                sp.GetRequiredService<ModelProviderSettings>(), sp.GetService<ILoggerFactory>(), sp.GetService<IEndpointGateProvider>()));
            services.AddSingleton<IEmbeddingFactory>(sp => new EmbeddingFactory(sp.GetRequiredService<ModelProviders>()));
        });
}
