using Microsoft.Extensions.DependencyInjection;
using Swarm.Models.Agents;

namespace Swarm.Mcp.Harnesses;

/// <summary>Registers agent harnesses by name, as detectors are registered by label: one more harness is one more class and one line.</summary>
public sealed class AgentHarnessBuilder(IServiceCollection services)
{
    private readonly List<string> _names = [];

    public IServiceCollection Services => services;

    public IReadOnlyList<string> Names => _names;

    public AgentHarnessBuilder AddHarness<T>(string name) where T : class, IAgentHarness
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!_names.Contains(name)) _names.Add(name);
        services.AddKeyedSingleton<IAgentHarness, T>(name);
        return this;
    }
}

public static class AgentHarnessServiceCollectionExtensions
{
    /// <summary>Swarm's built-in harnesses (OpenCode) and the <see cref="IEpisodeHarness"/> the agent grains run them through.</summary>
    public static AgentHarnessBuilder AddAgentHarnesses(this IServiceCollection services, HarnessSettings? settings = null)
    {
        var builder = new AgentHarnessBuilder(services);
        builder.AddHarness<OpenCodeHarness>(OpenCodeHarness.Name);
        services.AddSingleton(settings ?? new HarnessSettings());
        services.AddSingleton(_ => new HarnessCatalog(builder.Names));
        services.AddSingleton<HarnessEpisodes>();
        services.AddSingleton<IEpisodeHarness>(sp => sp.GetRequiredService<HarnessEpisodes>());
        return builder;
    }
}
