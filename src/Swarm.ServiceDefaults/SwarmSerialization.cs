using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Swarm.ServiceDefaults;

/// <summary>
/// Swarm's records travel between silos and clients as JSON (they carry no Orleans attributes); exceptions keep
/// Orleans' own codec. Silo and client must agree, so both take it from here.
/// </summary>
public static class SwarmSerialization
{
    public static IServiceCollection AddSwarmSerialization(this IServiceCollection services) =>
        services.AddSerializer(s => s.AddJsonSerializer(isSupported: IsSwarmType));

    public static bool IsSwarmType(Type type) =>
        type.Namespace?.StartsWith("Swarm.", StringComparison.Ordinal) == true && !typeof(Exception).IsAssignableFrom(type);
}
