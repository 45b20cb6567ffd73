using Microsoft.Extensions.DependencyInjection;
using Swarm.Abstractions.Plugins;

namespace Swarm.Mcp.Harnesses;

/// <summary>Adds or replaces the agent harness of one name (see <see cref="AgentHarnessServiceCollectionExtensions.AddSwarmHarnesses"/>).</summary>
public sealed class AgentHarnessBuilder(IServiceCollection services) : PluginBuilder<IAgentHarness>(services, ServiceLifetime.Singleton)
{
    public AgentHarnessBuilder AddHarness<T>(string name) where T : class, IAgentHarness
    {
        Register<T>(name);
        return this;
    }
}
