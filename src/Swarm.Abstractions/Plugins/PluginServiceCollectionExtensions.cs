using Microsoft.Extensions.DependencyInjection;

namespace Swarm.Abstractions.Plugins;

public static class PluginServiceCollectionExtensions
{
    /// <summary>
    /// The builder these services already hold, or a new one (kept in the services, then set up by
    /// <paramref name="initialize"/>): a host and a test may both call <c>AddSwarmX()</c> and add to the same plug-ins.
    /// </summary>
    public static TBuilder GetOrAddPluginBuilder<TBuilder>(this IServiceCollection services, Func<TBuilder> create, Action<TBuilder> initialize)
        where TBuilder : class
    {
        if (services.FirstOrDefault(d => d.ServiceType == typeof(TBuilder) && !d.IsKeyedService)?.ImplementationInstance is TBuilder existing)
            return existing;
        var builder = create();
        services.AddSingleton(builder);
        initialize(builder);
        return builder;
    }
}
