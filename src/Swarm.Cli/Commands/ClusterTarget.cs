using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Swarm.Silo.Hosting;

namespace Swarm.Cli.Commands;

/// <summary>
/// Where a command's grains live: an embedded silo on <c>--state-dir</c> (the default), or a running cluster named by
/// <c>--cluster redis://HOST:PORT</c>, of which the command is an Orleans client. Without <c>--cluster</c>, Orleans
/// clustering in the environment (<c>Orleans__Clustering__ProviderType=AzureTableStorage</c>, …, as Aspire injects it)
/// names the cluster instead, so any provider Orleans configures can hold a Swarm cluster.
/// </summary>
public sealed record ClusterTarget(DirectoryInfo StateDir, string? Cluster)
{
    public bool IsCluster => Cluster is not null;

    /// <summary>The cluster's Orleans configuration; empty for the embedded default.</summary>
    public IReadOnlyDictionary<string, string?> Configuration { get; init; } = new Dictionary<string, string?>();

    public string Describe() => Cluster is { } address ? $"cluster {address}" : $"state in {StateDir.FullName}";

    /// <summary>How to start a silo of this cluster, for a command that could not reach one.</summary>
    public string ServeHint => Configuration.Count > 0 ? $"swarm serve --cluster {Cluster}" : "swarm serve with the same Orleans__ environment";

    /// <summary>Holds the state folder for this process (embedded only: a cluster's silos own their state).</summary>
    public IDisposable Lock() => IsCluster ? NoLock.Instance : StateDirectory.Lock(StateDir);

    public static Option<string?> ClusterOption() =>
        new("--cluster") { Description = "Act as a client of a running cluster, e.g. redis://127.0.0.1:6379 (default: an embedded silo on --state-dir)" };

    /// <summary>Reads both options; a malformed address is bad input.</summary>
    public static ClusterTarget Read(ParseResult parse, Option<DirectoryInfo> stateDir, Option<string?> cluster)
    {
        var address = parse.GetValue(cluster);
        // The silo's host and the client read the environment's Orleans__ keys themselves; only the choice is made here.
        if (address is null)
            return new ClusterTarget(parse.GetValue(stateDir)!,
                ClusterConfiguration.Describe(new ConfigurationBuilder().AddEnvironmentVariables().Build()));
        try
        {
            return new ClusterTarget(parse.GetValue(stateDir)!, address) { Configuration = ClusterConfiguration.FromAddress(address) };
        }
        catch (FormatException ex)
        {
            throw new BadInputException("--cluster " + ex.Message);
        }
    }

    private sealed class NoLock : IDisposable
    {
        public static readonly NoLock Instance = new();
        public void Dispose() { }
    }
}
