using System.Diagnostics;

namespace Swarm.Grains.Telemetry;

/// <summary>
/// Swarm's activity source for runs. A trial's span starts in the experiment and, with Orleans' activity propagation,
/// the grain calls and the model calls (Microsoft.Extensions.AI's GenAI spans) beneath it share its trace.
/// </summary>
public static class RunTracing
{
    public const string SourceName = "Swarm.Runs";

    public static readonly ActivitySource Source = new(SourceName);
}
