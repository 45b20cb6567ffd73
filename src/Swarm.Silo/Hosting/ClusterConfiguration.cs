using Swarm.Grains;

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
    /// What a client takes of a cluster's configuration: its ids and clustering. Orleans' client applies every
    /// provider section it is given and has no grain storage or reminder providers, so the rest must stay out.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> ForClient(IReadOnlyDictionary<string, string?> cluster) =>
        cluster.Where(kv => kv.Key is $"{Section}:ServiceId" or $"{Section}:ClusterId" || kv.Key.StartsWith($"{Section}:Clustering:", StringComparison.Ordinal))
            .ToDictionary();
}
