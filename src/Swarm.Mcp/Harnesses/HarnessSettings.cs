namespace Swarm.Mcp.Harnesses;

/// <summary>How harness runs are bounded and where their programs are.</summary>
public sealed record HarnessSettings
{
    /// <summary>Wall time one episode's harness may take before it is stopped and the trial errored.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Program overrides by harness name (else each harness looks in its usual places).</summary>
    public IReadOnlyDictionary<string, string> Programs { get; init; } = new Dictionary<string, string>();

    /// <summary>Where private per-episode folders are made (default: the system's temporary folder).</summary>
    public string? WorkRoot { get; init; }
}
