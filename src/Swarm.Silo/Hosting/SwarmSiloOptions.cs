namespace Swarm.Silo.Hosting;

public enum GrainStorageKind { Sqlite, Memory }

/// <summary>How a Swarm silo is hosted. The embedded default: one process, localhost clustering, SQLite under ./.swarm.</summary>
public sealed class SwarmSiloOptions
{
    public string StateDirectory { get; set; } = ".swarm";
    public GrainStorageKind Storage { get; set; } = GrainStorageKind.Sqlite;

    /// <summary>0 picks a free port, so several embedded runs can share a machine.</summary>
    public int SiloPort { get; set; }
    public int GatewayPort { get; set; }

    public string DatabasePath => Path.Combine(StateDirectory, "swarm.db");

    /// <summary>How the silo reaches model providers (endpoint, key variable, retries, cache).</summary>
    public Swarm.Models.ModelProviderSettings Models { get; set; } = new();
}
