using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Swarm.ServiceDefaults;

/// <summary>
/// Aspire.Hosting.Orleans names a Redis provider by service key (<c>Orleans__Clustering__ServiceKey=redis</c>) and
/// passes the address as <c>ConnectionStrings__redis</c>; Orleans' Redis providers then ask DI for a keyed
/// <c>IConnectionMultiplexer</c>. This registers one (Aspire.StackExchange.Redis, with its health check and
/// tracing) for each key that Orleans configuration uses with a Redis provider.
/// </summary>
public static class OrleansRedisConnections
{
    public static IHostApplicationBuilder AddOrleansRedisConnections(this IHostApplicationBuilder builder)
    {
        foreach (var key in RedisServiceKeys(builder.Configuration))
            builder.AddKeyedRedisClient(key);
        return builder;
    }

    /// <summary>The distinct service keys of Orleans provider sections whose provider type is Redis.</summary>
    public static IReadOnlyList<string> RedisServiceKeys(IConfiguration configuration)
    {
        var orleans = configuration.GetSection("Orleans");
        IEnumerable<IConfigurationSection> providers =
        [
            orleans.GetSection("Clustering"),
            orleans.GetSection("Reminders"),
            .. orleans.GetSection("GrainStorage").GetChildren(),
            .. orleans.GetSection("GrainDirectory").GetChildren(),
            .. orleans.GetSection("Streaming").GetChildren(),
        ];
        return providers
            .Where(p => IsRedis(p["ProviderType"]) && !string.IsNullOrEmpty(p["ServiceKey"]))
            .Select(p => p["ServiceKey"]!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    private static bool IsRedis(string? providerType) =>
        string.Equals(providerType, "Redis", StringComparison.OrdinalIgnoreCase) || string.Equals(providerType, "AzureRedisCache",
            StringComparison.OrdinalIgnoreCase);
}
