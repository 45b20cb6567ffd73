using System.Text.RegularExpressions;
using Swarm.Abstractions;
using Swarm.Abstractions.Trials;

namespace Swarm.Scenarios.Trials;

/// <summary>
/// Expands a plan into trials. Twins (monitored / unmonitored) share a seed; everything is a pure function of the
/// plan, so a resumed run and the results collector enumerate exactly the same trials.
/// </summary>
public static partial class ExperimentPlanner
{
    public static IReadOnlyList<TrialSpec> Trials(ExperimentPlan plan) =>
        [.. from model in plan.Models
            from peer in plan.Peers
            from index in Enumerable.Range(0, plan.TrialsPerCell)
            let seed = TrialSeed(plan.Seed, plan.ScenarioId, model, peer, index)
            from monitoring in plan.Monitorings
            select new TrialSpec(plan.ExperimentId, $"{Slug(model)}-{peer}-{monitoring}-{index:D5}", index, model, peer, monitoring, seed, plan.Harness)];

    /// <summary>How many trials <see cref="Trials"/> yields, without building them (progress is polled often).</summary>
    public static int Count(ExperimentPlan plan) => plan.Models.Count * plan.Peers.Count * plan.TrialsPerCell * plan.Monitorings.Count;

    /// <summary>
    /// A trial's seed depends on its scenario, model, peer condition and index, not on the trial count, so
    /// adding trials keeps the earlier ones, and two scenarios run with one seed do not share their draws.
    /// </summary>
    public static long TrialSeed(long seed, string scenarioId, string model, string peer, int index) =>
        StableRandom.Derive(seed, $"{scenarioId}|{model}|{peer}|{index}");

    /// <summary>Same inputs, same id: rerunning a command finds and resumes its experiment.</summary>
    public static string ExperimentId(string scenarioId, string scenarioYaml, IEnumerable<string> models, IEnumerable<string> peers,
        IEnumerable<string> monitorings, int trialsPerCell, long seed)
    {
        var key = string.Join("\n", [scenarioYaml, string.Join(",", models), string.Join(",", peers), string.Join(",", monitorings),
            trialsPerCell.ToString(System.Globalization.CultureInfo.InvariantCulture), seed.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        return $"{scenarioId}-{StableRandom.Mix(StableRandom.Hash(key)):x16}";
    }

    public static string Slug(string model) => NonSlug().Replace(model.ToLowerInvariant(), "-").Trim('-');

    [GeneratedRegex("[^a-z0-9.]+")]
    private static partial Regex NonSlug();
}
