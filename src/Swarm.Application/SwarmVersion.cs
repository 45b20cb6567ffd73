using System.Reflection;

namespace Swarm.Application;

/// <summary>
/// The version results files and MCP servers give: the informational version without its build metadata, the same for
/// every front end (all of Swarm is versioned as one).
/// </summary>
public static class SwarmVersion
{
    public static string Current { get; } =
        typeof(SwarmVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
