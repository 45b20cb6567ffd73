using Swarm.Mcp.Harnesses;
using Swarm.Models.Providers;
using Swarm.Scenarios.Detection;
using Swarm.Scenarios.Studies.Monitoring;

namespace Swarm.Silo.Hosting;

/// <summary>
/// The builders every Swarm plug-in is registered through, one per kind, all of one shape (keyed by name, resolved from
/// DI). A host or a test adds its own with <see cref="SwarmSiloOptions.ConfigurePlugins"/>:
/// <code>options.ConfigurePlugins = p => p.Detectors.AddDetector&lt;MyDetector&gt;("my_label");</code>
/// </summary>
public sealed record SwarmPlugins(
    ModelProviderBuilder Models,
    DetectorBuilder Detectors,
    CollusionPatternBuilder CollusionPatterns,
    AgentHarnessBuilder Harnesses);
