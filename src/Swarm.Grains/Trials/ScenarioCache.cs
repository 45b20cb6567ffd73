using System.Collections.Concurrent;
using Swarm.Abstractions;
using Swarm.Scenarios.Loading;
using Swarm.Scenarios.Model;

namespace Swarm.Grains.Trials;

/// <summary>Parses each scenario text once per process; thousands of trials share one parsed scenario.</summary>
public static class ScenarioCache
{
    private static readonly ConcurrentDictionary<(ulong, string), Scenario> Parsed = new();

    public static Scenario Get(string yaml, string path) =>
        Parsed.GetOrAdd((StableRandom.Hash(yaml), path), _ => ScenarioLoader.Parse(yaml, path));
}
