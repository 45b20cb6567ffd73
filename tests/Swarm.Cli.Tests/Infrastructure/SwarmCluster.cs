using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Swarm.Silo.Hosting;
using Swarm.Testing.Servers;
using Xunit;

namespace Swarm.Cli.Tests.Infrastructure;

/// <summary>
/// A real Swarm cluster on this machine: a redis-server (or Azurite, <see cref="StartOnAzuriteAsync"/>), and silos that
/// are <c>swarm serve --cluster redis://…</c> processes (or <c>swarm serve</c> with the Azure <c>Orleans__…</c>
/// environment). Silos can be killed (SIGKILL, no goodbye) and started again; the test may also look at the cluster
/// through an Orleans client of its own (<see cref="ClientAsync"/>).
/// </summary>
public sealed partial class SwarmCluster : IAsyncDisposable
{
    /// <summary>
    /// Failure detection tuned for tests: a dead silo is declared dead within a few seconds instead of the production
    /// defaults, so work moves soon after a kill. A real deployment sets the same keys if it wants faster failover.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> FastFailover = new Dictionary<string, string?>
    {
        ["Orleans__Membership__ProbeTimeout"] = "00:00:02",
        ["Orleans__Membership__NumMissedProbesLimit"] = "2",
        ["Orleans__Membership__NumVotesForDeathDeclaration"] = "1",
        ["Orleans__Membership__TableRefreshTimeout"] = "00:00:02",
        ["Orleans__Membership__IAmAliveTablePublishTimeout"] = "00:00:05",
    };

    private readonly List<Silo> _silos = [];
    private readonly IReadOnlyDictionary<string, string?> _environment;

    private SwarmCluster(IClusterBacking backing, IReadOnlyDictionary<string, string?> environment)
    {
        Backing = backing;
        _environment = environment;
    }

    public IClusterBacking Backing { get; }
    public RedisServer Redis => (Backing as RedisBacking)?.Server ?? throw new InvalidOperationException("this cluster is not on Redis");
    public string Address => Redis.ClusterAddress;
    public IReadOnlyList<Silo> Silos => _silos;

    /// <summary>What a <c>swarm</c> command adds to its arguments to act on this cluster.</summary>
    public IReadOnlyList<string> CommandArgs => Backing.CommandArgs;

    /// <summary>What a <c>swarm</c> command has in its environment to act on this cluster.</summary>
    public IReadOnlyDictionary<string, string?> CommandEnvironment => Backing.CommandEnvironment;

    public static async Task<SwarmCluster> StartAsync(int silos, IReadOnlyDictionary<string, string?>? environment = null, params string[] serveArgs) =>
        await StartAsync(await RedisBacking.StartAsync(), silos, environment, serveArgs);

    /// <summary>A cluster whose clustering, grain storage and reminders are all Azure Table Storage on Azurite.</summary>
    public static async Task<SwarmCluster> StartOnAzuriteAsync(int silos, IReadOnlyDictionary<string, string?>? environment = null) =>
        await StartAsync(await AzuriteBacking.StartAsync(), silos, environment);

    private static async Task<SwarmCluster> StartAsync(IClusterBacking backing, int silos, IReadOnlyDictionary<string, string?>? environment,
        params string[] serveArgs)
    {
        var env = new Dictionary<string, string?>(FastFailover);
        foreach (var (key, value) in backing.CommandEnvironment) env[key] = value;
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>()) env[key] = value;
        var cluster = new SwarmCluster(backing, env);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, silos).Select(_ => cluster.StartSiloAsync(serveArgs)));
            await cluster.WaitForMembershipAsync(silos);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        return cluster;
    }

    /// <summary>Starts one more silo and waits until it says it is ready.</summary>
    public async Task<Silo> StartSiloAsync(params string[] serveArgs)
    {
        var process = SwarmCli.Start(["serve", .. CommandArgs, .. serveArgs], _environment);
        var ready = await process.WaitForStdoutLineAsync(l => l.StartsWith("silo ready", StringComparison.Ordinal), TimeSpan.FromSeconds(90));
        Assert.True(ready, "a silo never became ready; stdout:\n" + process.Stdout + "\nstderr:\n" + process.Stderr);
        var line = process.Stdout.Split('\n').First(l => l.StartsWith("silo ready", StringComparison.Ordinal));
        var match = SiloLine().Match(line);
        Assert.True(match.Success, "unexpected ready line: " + line);
        var silo = new Silo(process, int.Parse(match.Groups["silo"].Value, CultureInfo.InvariantCulture), new Uri(match.Groups["http"].Value));
        lock (_silos) _silos.Add(silo);
        return silo;
    }

    /// <summary>
    /// Waits until the cluster's membership holds this many active silos. Each silo says it is ready once it has
    /// joined, while the others may still be joining: the tests start from a cluster that has formed, as a researcher's
    /// usually has (a command sent earlier copes too, see ClusterPatience, but that is not what these tests are about).
    /// </summary>
    public async Task WaitForMembershipAsync(int silos)
    {
        using var client = await ClientAsync();
        var management = Grains(client).GetGrain<IManagementGrain>(0);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while ((await management.GetHosts(onlyActive: true)).Count < silos)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the cluster never held {silos} active silos");
            await Task.Delay(250);
        }
    }

    /// <summary>The silo whose Orleans identity (as in a run's progress, e.g. S127.0.0.1:40123:1234) is given.</summary>
    public Silo SiloOf(string identity)
    {
        var port = int.Parse(IdentityPort().Match(identity).Groups["port"].Value, CultureInfo.InvariantCulture);
        return _silos.Single(s => s.Port == port && !s.Process.HasExited);
    }

    /// <summary>An Orleans client of this cluster, as a swarm command would have.</summary>
    public async Task<IHost> ClientAsync()
    {
        var host = SwarmClient.BuildHost(Backing.Configuration);
        await host.StartAsync();
        return host;
    }

    public static IGrainFactory Grains(IHost client) => client.Services.GetRequiredService<IGrainFactory>();

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos) silo.Process.Dispose();
        await Backing.DisposeAsync();
    }

    [GeneratedRegex(@"silo 127\.0\.0\.1:(?<silo>\d+).*; http (?<http>http://[^ ,]+)")]
    private static partial Regex SiloLine();

    [GeneratedRegex(@":(?<port>\d+):")]
    private static partial Regex IdentityPort();

    /// <summary>One <c>swarm serve</c> process: its silo port and the address of its HTTP endpoints (control API, health).</summary>
    public sealed record Silo(CliProcess Process, int Port, Uri Http)
    {
        /// <summary>SIGKILL: the silo vanishes mid-work, as a crashed machine would.</summary>
        public void Kill() => Process.KillTree();
    }
}
