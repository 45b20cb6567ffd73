namespace Swarm.Mcp.Harnesses;

/// <summary>The harness names registered with <see cref="AgentHarnessBuilder"/>.</summary>
public sealed class HarnessCatalog(IReadOnlyList<string> names)
{
    public IReadOnlyList<string> Names => names;

    public bool Contains(string name) => names.Contains(name, StringComparer.Ordinal);
}
