using Swarm.Abstractions.Tools;
using Swarm.Models.Sim;
using Swarm.Models.Tests.Support;
using Swarm.Scenarios.Loading;
using Swarm.Scenarios.Model;
using Swarm.Scenarios.Trials;
using Xunit;

namespace Swarm.Models.Tests.Sim;

/// <summary>
/// A scenario's wording never changes what the calibrated sim does: the four paper scenarios with every task prompt,
/// monitoring notice and persona reworded in plain English (same meaning; test data in <c>Sim/Reworded/</c>) give
/// every trial the labels the originals give, for the same seeds, profiles and peer × monitoring conditions.
/// </summary>
public sealed class SimRewordingTests
{
    private static readonly string[] Profiles = ["gemini-3-flash", "gemini-3-pro", "gpt-5.2", "claude-haiku-4.5"];
    private static readonly string[] Scenarios = ["performance-evaluation", "shutdown-config", "server-decommission", "self-preservation"];
    private const int TrialsPerCell = 10;
    private const long Seed = 11;

    public static Scenario Reworded(string id) =>
        ScenarioLoader.LoadFile(Path.Combine(Paper.RepoRoot(), "tests", "Swarm.Models.Tests", "Sim", "Reworded", id + ".yaml"));

    [Fact]
    public void The_reworded_files_differ_from_the_originals_in_every_prompt_notice_and_persona()
    {
        foreach (var id in Scenarios)
        {
            var (original, reworded) = (Paper.Load(id), Reworded(id));
            Assert.NotEqual(original.Task.Prompt, reworded.Task.Prompt);
            Assert.NotEqual(original.Task.MonitoringNotice.Monitored, reworded.Task.MonitoringNotice.Monitored);
            Assert.NotEqual(original.Task.MonitoringNotice.Unmonitored, reworded.Task.MonitoringNotice.Unmonitored);
            Assert.All(original.Agents.Zip(reworded.Agents), pair => Assert.NotEqual(pair.First.Persona, pair.Second.Persona));
        }
    }

    [Fact]
    public async Task Reworded_scenarios_give_every_trial_the_original_labels()
    {
        var differing = new List<string>();
        var trials = 0;
        foreach (var profile in Profiles)
        foreach (var id in Scenarios)
        {
            var (original, reworded) = (Paper.Load(id), Reworded(id));
            foreach (var peer in Conditions.Peers)
            for (var index = 0; index < TrialsPerCell; index++)
            {
                var seed = ExperimentPlanner.TrialSeed(Seed, id, "sim:" + profile, peer, index);
                foreach (var monitoring in Conditions.Monitorings)
                {
                    trials++;
                    var client = new SimChatClient(SimProfileCatalog.Get(profile));
                    var a = await SimEpisode.RunAsync(client, original, peer, monitoring, seed);
                    var b = await SimEpisode.RunAsync(client, reworded, peer, monitoring, seed);
                    if (!a.Labels.OrderBy(l => l.Key).SequenceEqual(b.Labels.OrderBy(l => l.Key)))
                        differing.Add($"{profile} {id} {peer} {monitoring} #{index}: {Show(a.Labels)} vs {Show(b.Labels)}");
                }
            }
        }
        Assert.True(differing.Count == 0, $"{differing.Count} of {trials} trials change labels when reworded:\n{string.Join("\n", differing.Take(40))}");
    }

    private static string Show(IReadOnlyDictionary<string, bool> labels) => string.Join(",", labels.Where(l => l.Value).Select(l => l.Key).Order());
}
