namespace Swarm.Silo.Hosting;

public enum GrainStorageKind { Sqlite, Memory }

/// <summary>How a Swarm silo is hosted. The embedded default: one process, localhost clustering, SQLite under ./.swarm.</summary>
public sealed class SwarmSiloOptions
{
    public string StateDirectory { get; set; } = ".swarm";
    public GrainStorageKind Storage { get; set; } = GrainStorageKind.Sqlite;

    /// <summary>0 picks a free port, so several silos can share a machine.</summary>
    public int SiloPort { get; set; }
    public int GatewayPort { get; set; }

    public string DatabasePath => Path.Combine(StateDirectory, "swarm.db");

    /// <summary>
    /// Configuration added over the host's own (environment variables): for a cluster, the <c>Orleans:…</c> keys
    /// from <see cref="ClusterConfiguration"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Configuration { get; set; } = new Dictionary<string, string?>();

    /// <summary>
    /// Whether unfinished experiments and studies resume by themselves when their grains come back (null: on a
    /// cluster yes, embedded no; see ResumeOptions).
    /// </summary>
    public bool? ResumeRuns { get; set; }

    /// <summary>Use Orleans' Kubernetes hosting (null: when the pod's identity is in the environment; see KubernetesPod).</summary>
    public bool? InKubernetesPod { get; set; }

    /// <summary>Carry traces through grain calls (null: whenever OTEL_EXPORTER_OTLP_ENDPOINT says traces are exported).</summary>
    public bool? Tracing { get; set; }

    /// <summary>How the silo reaches model providers (endpoint, key variable, retries, cache).</summary>
    public Swarm.Models.ModelProviderSettings Models { get; set; } = new();

    /// <summary>How agent harness runs (<c>swarm run --harness</c>) are bounded and where their programs are.</summary>
    public Swarm.Mcp.Harnesses.HarnessSettings Harnesses { get; set; } = new();

    /// <summary>
    /// Plug-ins of the host's own, added through the same builders as Swarm's built-in ones (a model provider, a detector,
    /// a collusion pattern, a harness): called once the built-ins are registered.
    /// </summary>
    public Action<SwarmPlugins>? ConfigurePlugins { get; set; }

    /// <summary>More silo configuration from the host (swarm serve adds Orleans' own dashboard here).</summary>
    public Action<Orleans.Hosting.ISiloBuilder>? ConfigureSilo { get; set; }
}
