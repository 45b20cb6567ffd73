namespace Swarm.AppHost.Redis;

public static class RedisServerExtensions
{
    /// <summary>
    /// redis-server on loopback at the port Aspire allocates, persisting to <paramref name="dataDirectory"/> (append-only
    /// file), known to Orleans as a Redis provider.
    /// </summary>
    public static IResourceBuilder<RedisServerResource> AddRedisServer(this IDistributedApplicationBuilder builder, string name, string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var redis = new RedisServerResource(name, dataDirectory);
        return builder.AddResource(redis)
            .WithEndpoint(name: RedisServerResource.EndpointName, scheme: "tcp")
            .WithArgs(context =>
            {
                context.Args.Add("--port");
                context.Args.Add(redis.Endpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("--bind");
                context.Args.Add("127.0.0.1");
                context.Args.Add("--dir");
                context.Args.Add(redis.DataDirectory);
                context.Args.Add("--appendonly");
                context.Args.Add("yes");
            })
            // The type name would make Orleans look for a "RedisServer" provider; it speaks plain Redis.
            .WithOrleansProviderType("Redis");
    }
}
