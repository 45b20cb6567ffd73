using Swarm.Silo.Hosting;
using Swarm.Testing.Servers;

namespace Swarm.Cli.Tests.Infrastructure;

/// <summary>
/// A cluster on a real Azurite whose clustering, grain storage and reminders are all Azure Table Storage, named only
/// by the environment, as Aspire injects it: <c>Orleans__Clustering__ProviderType=AzureTableStorage</c>,
/// <c>Orleans__Clustering__ConnectionString=…</c>, and the same for <c>GrainStorage__swarm</c> and <c>Reminders</c>.
/// </summary>
public sealed class AzuriteBacking(AzuriteServer server) : IClusterBacking
{
    public AzuriteServer Server { get; } = server;

    public IReadOnlyList<string> CommandArgs { get; } = [];

    public IReadOnlyDictionary<string, string?> CommandEnvironment =>
        Configuration.ToDictionary(kv => kv.Key.Replace(":", "__", StringComparison.Ordinal), kv => kv.Value);

    public IReadOnlyDictionary<string, string?> Configuration => ClusterConfiguration.AzureTableStorage(Server.ConnectionString);

    public static async Task<AzuriteBacking> StartAsync() => new(await AzuriteServer.StartAsync());

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
