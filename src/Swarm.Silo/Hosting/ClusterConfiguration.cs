using Microsoft.Extensions.Configuration;
using Swarm.Abstractions.Grains;

namespace Swarm.Silo.Hosting;

/// <summary>
/// Turns <c>--cluster redis://HOST:PORT</c> into the configuration Aspire.Hosting.Orleans would inject, so a cluster
/// formed by hand and one formed by the AppHost run the same code: Redis clustering, grain storage and reminders.
/// </summary>
public static class ClusterConfiguration
{
    public const string Section = "Orleans";

    /// <summary>Every Swarm cluster shares one service id, so its state outlives any one cluster id.</summary>
    public const string ServiceId = "swarm";
    public const string ClusterId = "swarm";

    /// <exception cref="FormatException">The address is not <c>redis://HOST:PORT</c>; the message says why.</exception>
    public static IReadOnlyDictionary<string, string?> FromAddress(string address)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme != "redis")
            throw new FormatException($"'{address}' is not a cluster address; expected redis://HOST:PORT (for example redis://127.0.0.1:6379)");
        if (uri.IsDefaultPort || uri.Port <= 0)
            throw new FormatException($"'{address}' names no port; expected redis://HOST:PORT (Redis listens on 6379 by default)");
        if (uri.AbsolutePath is not ("" or "/") || uri.Query.Length > 0 || uri.UserInfo.Length > 0)
            throw new FormatException($"'{address}': only redis://HOST:PORT is understood; put anything else in Orleans__… configuration");
        var connection = $"{uri.Host}:{uri.Port}";
        return Redis(connection);
    }

    /// <summary>Redis for clustering, Swarm's grain storage and reminders, in the Orleans configuration shape.</summary>
    public static IReadOnlyDictionary<string, string?> Redis(string connectionString) => new Dictionary<string, string?>
    {
        [$"{Section}:ServiceId"] = ServiceId,
        [$"{Section}:ClusterId"] = ClusterId,
        [$"{Section}:Clustering:ProviderType"] = "Redis",
        [$"{Section}:Clustering:ConnectionString"] = connectionString,
        [$"{Section}:GrainStorage:{GrainKeys.Storage}:ProviderType"] = "Redis",
        [$"{Section}:GrainStorage:{GrainKeys.Storage}:ConnectionString"] = connectionString,
        [$"{Section}:Reminders:ProviderType"] = "Redis",
        [$"{Section}:Reminders:ConnectionString"] = connectionString,
    };

    /// <summary>
    /// Azure Table Storage for clustering, Swarm's grain storage and reminders, in the Orleans configuration shape
    /// (<c>Orleans__Clustering__ProviderType=AzureTableStorage</c>, <c>Orleans__Clustering__ConnectionString=…</c>, …).
    /// </summary>
    public static IReadOnlyDictionary<string, string?> AzureTableStorage(string connectionString) => new Dictionary<string, string?>
    {
        [$"{Section}:ServiceId"] = ServiceId,
        [$"{Section}:ClusterId"] = ClusterId,
        [$"{Section}:Clustering:ProviderType"] = "AzureTableStorage",
        [$"{Section}:Clustering:ConnectionString"] = connectionString,
        [$"{Section}:GrainStorage:{GrainKeys.Storage}:ProviderType"] = "AzureTableStorage",
        [$"{Section}:GrainStorage:{GrainKeys.Storage}:ConnectionString"] = connectionString,
        [$"{Section}:Reminders:ProviderType"] = "AzureTableStorage",
        [$"{Section}:Reminders:ConnectionString"] = connectionString,
    };

    /// <summary>
    /// The cluster that configuration names without <c>--cluster</c> (<c>Orleans__Clustering__ProviderType=…</c> in the
    /// environment, as Aspire injects it), described without its connection details; null when it names none.
    /// </summary>
    public static string? Describe(IConfiguration configuration)
    {
        var clustering = configuration.GetSection($"{Section}:Clustering");
        return clustering.Exists() ? $"Orleans__Clustering ({clustering["ProviderType"] ?? "Default"})" : null;
    }

    /// <summary>
    /// What a client takes of a cluster's configuration: everything but the providers only a silo has. Orleans' client
    /// applies every provider section it is given and has no grain storage, reminder or grain directory providers, so
    /// those must stay out (a client may well be handed a silo's whole environment).
    /// </summary>
    public static IReadOnlyDictionary<string, string?> ForClient(IEnumerable<KeyValuePair<string, string?>> cluster) =>
        cluster.Where(kv => kv.Value is not null && !SiloOnlySections.Any(section => kv.Key.StartsWith(section, StringComparison.OrdinalIgnoreCase)))
            .ToDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly string[] SiloOnlySections = [$"{Section}:GrainStorage:", $"{Section}:Reminders:", $"{Section}:GrainDirectory:"];
}
