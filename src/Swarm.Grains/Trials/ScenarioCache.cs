using System.Collections.Concurrent;
using Swarm.Abstractions;
using Swarm.Scenarios.Detection;
using Swarm.Scenarios.Loading;
using Swarm.Scenarios.Model;

namespace Swarm.Grains.Trials;

/// <summary>
/// Parses each scenario text once per process; thousands of trials share one parsed scenario. It is validated against
/// the silo's registered detectors (its measures may name any of their labels), so the key holds the detector set too.
/// </summary>
public static class ScenarioCache
{
    private static readonly ConcurrentDictionary<(ulong, string, IReadOnlyList<string>), Scenario> Parsed = new();

    public static Scenario Get(string yaml, string path, DetectorSet detectors) =>
        Parsed.GetOrAdd((StableRandom.Hash(yaml), path, detectors.Measurable), key => ScenarioLoader.Parse(yaml, path, key.Item3));
}
