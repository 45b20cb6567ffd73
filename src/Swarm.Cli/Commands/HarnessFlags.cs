using Microsoft.Extensions.DependencyInjection;
using Swarm.Mcp.Harnesses;

namespace Swarm.Cli.Commands;

/// <summary>Reads <c>--harness</c> and <c>--harness-timeout</c>, refusing names no silo knows.</summary>
public static class HarnessFlags
{
    /// <summary>The harnesses a Swarm silo registers (the same registration the silo runs).</summary>
    public static IReadOnlyList<string> Known { get; } = new ServiceCollection().AddSwarmHarnesses().Names;

    public static string? Read(string? name)
    {
        if (name is null) return null;
        if (!Known.Contains(name, StringComparer.Ordinal)) throw new BadInputException($"--harness {name}: known harnesses are {string.Join(", ", Known)}");
        return name;
    }

    public static TimeSpan Timeout(double seconds) =>
        seconds > 0 && double.IsFinite(seconds)
            ? TimeSpan.FromSeconds(seconds)
            : throw new BadInputException("--harness-timeout must be a positive number of seconds");
}
