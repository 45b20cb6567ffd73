using Microsoft.Extensions.DependencyInjection;
using Swarm.Abstractions.Plugins;

namespace Swarm.Scenarios.Studies.Monitoring;

public static class CollusionPatternServiceCollectionExtensions
{
    /// <summary>
    /// Swarm's built-in collusion patterns plus a <see cref="CollusionMonitorFactory"/> over every kind registered with
    /// <see cref="CollusionPatternBuilder.AddCollusionPattern{T}"/>. Calling it again returns the same builder.
    /// </summary>
    public static CollusionPatternBuilder AddSwarmCollusionPatterns(this IServiceCollection services) =>
        services.GetOrAddPluginBuilder(() => new CollusionPatternBuilder(services), builder =>
        {
            foreach (var (kind, create) in CollusionMonitorFactory.BuiltIn) builder.AddCollusionPattern(kind, _ => create());
            services.AddSingleton(sp => new CollusionMonitorFactory(builder.Names, kind => sp.GetRequiredKeyedService<ICollusionPattern>(kind)));
        });
}
