namespace Swarm.Cli.Tests.Infrastructure;

/// <summary>
/// The real servers a test cluster keeps its membership, grain state and reminders in, and how a <c>swarm</c> process
/// (a silo or a command) is pointed at them.
/// </summary>
public interface IClusterBacking : IAsyncDisposable
{
    /// <summary>What every <c>swarm</c> process of the cluster adds to its arguments (e.g. <c>--cluster redis://…</c>).</summary>
    IReadOnlyList<string> CommandArgs { get; }

    /// <summary>What every <c>swarm</c> process of the cluster has in its environment (e.g. <c>Orleans__Clustering__…</c>).</summary>
    IReadOnlyDictionary<string, string?> CommandEnvironment { get; }

    /// <summary>The cluster's Orleans configuration, for a client in the test process.</summary>
    IReadOnlyDictionary<string, string?> Configuration { get; }
}
