using System.Globalization;
using Swarm.Abstractions.Trials;

namespace Swarm.Grains.Tests;

/// <summary>
/// The population redesign (one world per scope, segmented audit logs, detectors behind one interface) must not move a
/// single paper label: every trial of the four replications, for all eight sim profiles, gives the labels recorded in
/// Golden/paper-labels-seed1.txt before the redesign (same ids, seeds, statuses, labels and shutdown outcomes).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class GoldenLabelsTests(ClusterFixture fixture)
{
    private static readonly string[] Models =
        ["sim:gemini-3-flash", "sim:gemini-3-pro", "sim:gpt-5.2", "sim:claude-haiku-4.5", "sim:glm-4.7", "sim:kimi-k2.5", "sim:deepseek-v3.1", "sim:compliant"];

    [Theory]
    [InlineData("performance-evaluation")]
    [InlineData("shutdown-config")]
    [InlineData("server-decommission")]
    [InlineData("self-preservation")]
    public async Task Paper_replication_gives_the_labels_recorded_before_the_redesign(string scenarioId)
    {
        var expected = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Golden", "paper-labels-seed1.txt"))
            .Where(l => l.StartsWith(scenarioId + " ", StringComparison.Ordinal)).ToList();
        var scenario = Paper.Load(scenarioId);
        var plan = Paper.Plan(scenarioId, Models, scenario.Conditions.Peer, scenario.Conditions.Monitoring, 12, seed: 1, tag: "golden");

        var records = await Paper.RunAsync(fixture.Grains, plan, TimeSpan.FromMinutes(8));

        var actual = records.OrderBy(r => r.Spec.TrialId, StringComparer.Ordinal).Select(r => Line(scenarioId, r)).ToList();
        Assert.Equal(768, expected.Count);
        Assert.Equal(expected, actual);
    }

    private static string Line(string scenarioId, TrialRecord r)
    {
        var labels = string.Join(",", r.Behaviors.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={(kv.Value ? 1 : 0)}"));
        var shutdown = r.Shutdown is null ? "-" : r.Shutdown.Fired ? "1" : "0";
        return string.Create(CultureInfo.InvariantCulture, $"{scenarioId} {r.Spec.TrialId} {r.Spec.Seed} {r.Status.Word()} {labels} shutdown={shutdown}");
    }
}
