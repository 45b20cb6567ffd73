using Microsoft.Extensions.DependencyInjection;
using Swarm.Mcp.Harnesses;
using Swarm.Models;
using Swarm.Models.Providers;
using Swarm.Scenarios.Detection;
using Swarm.Scenarios.Studies.Monitoring;

namespace Swarm.Silo.Hosting;

public static class SwarmPluginServiceCollectionExtensions
{
    /// <summary>
    /// Swarm's plug-ins, built-in ones included: model providers, detectors, collusion patterns and agent harnesses. A
    /// silo registers them so; a command that checks input before it reaches a silo registers the same.
    /// </summary>
    public static SwarmPlugins AddSwarmPlugins(this IServiceCollection services, ModelProviderSettings? models = null, HarnessSettings? harnesses = null) =>
        new(services.AddSwarmModels(models), services.AddSwarmDetectors(), services.AddSwarmCollusionPatterns(), services.AddSwarmHarnesses(harnesses));
}
