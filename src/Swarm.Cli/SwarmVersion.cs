using System.Reflection;

namespace Swarm.Cli;

/// <summary>The version results files record: the assembly's informational version without its build metadata.</summary>
public static class SwarmVersion
{
    public static string Current { get; } =
        typeof(SwarmVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
