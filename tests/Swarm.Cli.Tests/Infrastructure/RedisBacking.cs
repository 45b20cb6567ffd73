using Swarm.Silo.Hosting;
using Swarm.Testing.Servers;

namespace Swarm.Cli.Tests.Infrastructure;

/// <summary>A cluster on a real redis-server, named as users name it: <c>--cluster redis://HOST:PORT</c>.</summary>
public sealed class RedisBacking(RedisServer server) : IClusterBacking
{
    public RedisServer Server { get; } = server;

    public IReadOnlyList<string> CommandArgs => ["--cluster", Server.ClusterAddress];

    public IReadOnlyDictionary<string, string?> CommandEnvironment { get; } = new Dictionary<string, string?>();

    public IReadOnlyDictionary<string, string?> Configuration => ClusterConfiguration.FromAddress(Server.ClusterAddress);

    public static async Task<RedisBacking> StartAsync() => new(await RedisServer.StartAsync());

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
