using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Swarm.Abstractions.Plugins;
using Swarm.Models.Agents;

namespace Swarm.Mcp.Harnesses;

public static class AgentHarnessServiceCollectionExtensions
{
    /// <summary>
    /// Swarm's built-in harnesses (OpenCode), a <see cref="HarnessCatalog"/> over every name registered with
    /// <see cref="AgentHarnessBuilder.AddHarness{T}"/>, and the <see cref="IEpisodeHarness"/> the agent grains run them
    /// through. <paramref name="settings"/> is registered unless the services already hold some. Calling it again returns
    /// the same builder.
    /// </summary>
    public static AgentHarnessBuilder AddSwarmHarnesses(this IServiceCollection services, HarnessSettings? settings = null) =>
        services.GetOrAddPluginBuilder(() => new AgentHarnessBuilder(services), builder =>
        {
            builder.AddHarness<OpenCodeHarness>(OpenCodeHarness.Name);
            services.TryAddSingleton(settings ?? new HarnessSettings());
            services.AddSingleton(_ => new HarnessCatalog(builder.Names));
            services.AddSingleton<HarnessEpisodes>();
            services.AddSingleton<IEpisodeHarness>(sp => sp.GetRequiredService<HarnessEpisodes>());
        });
}
