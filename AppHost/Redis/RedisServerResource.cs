namespace Swarm.AppHost.Redis;

/// <summary>
/// Debian's redis-server run as an executable (there is no Docker daemon to run Aspire's Redis container). It offers a
/// connection string, so Aspire.Hosting.Orleans can point clustering, grain storage and reminders at it.
/// </summary>
public sealed class RedisServerResource(string name, string dataDirectory)
    : ExecutableResource(name, "redis-server", dataDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";

    public EndpointReference Endpoint => new(this, EndpointName);

    /// <summary>Where Redis keeps its append-only file, so the cluster's state outlives the AppHost.</summary>
    public string DataDirectory { get; } = dataDirectory;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Endpoint.Property(EndpointProperty.HostAndPort)}");
}
