using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Swarm.Models.Gates;

namespace Swarm.Grains.Providers;

public static class EndpointGateServiceCollectionExtensions
{
    /// <summary>
    /// The silo's <see cref="IEndpointGateProvider"/>: on a cluster, one limit per endpoint shared by every silo (N silos
    /// must not multiply it); embedded, the process's own.
    /// </summary>
    public static IServiceCollection AddEndpointGates(this IServiceCollection services, bool clustered) => clustered
        ? services.AddSingleton<IEndpointGateProvider, ClusterEndpointGateProvider>()
        : services.AddSingleton<IEndpointGateProvider>(sp => new LocalEndpointGateProvider(sp.GetService<ILoggerFactory>()));
}
