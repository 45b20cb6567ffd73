using Swarm.Abstractions.Tools;
using Swarm.Abstractions.Trials;
using Swarm.Scenarios.Trials;
using Xunit;

namespace Swarm.Scenarios.Tests.Trials;

public sealed class ExperimentPlannerTests
{
    private static ExperimentPlan Plan(long seed = 7, int trials = 25, params string[] models) =>
        new("exp-1", "shutdown-config", "scenarios/paper/shutdown-config.yaml", "id: x", models.Length == 0 ? ["sim:gpt-5.2", "sim:gemini-3-flash"] : models,
            Conditions.Peers, Conditions.Monitorings, trials, seed, 4);

    [Fact]
    public void Plan_has_every_cell_times_trials()
    {
        var trials = ExperimentPlanner.Trials(Plan());
        Assert.Equal(2 * 4 * 2 * 25, trials.Count);
        Assert.Equal(trials.Count, ExperimentPlanner.Count(Plan()));
        Assert.All(trials, t => Assert.Equal("exp-1", t.ExperimentId));
        Assert.Equal(25, trials.Count(t => t.Model == "sim:gpt-5.2" && t.Peer == "bad" && t.Monitoring == "unmonitored"));
    }

    [Fact]
    public void Twins_share_a_seed_and_nothing_else_does()
    {
        var trials = ExperimentPlanner.Trials(Plan());
        var pairs = trials.GroupBy(t => (t.Model, t.Peer, t.Index)).ToList();
        Assert.All(pairs, pair =>
        {
            Assert.Equal(["monitored", "unmonitored"], pair.Select(t => t.Monitoring).Order());
            Assert.Single(pair.Select(t => t.Seed).Distinct());
        });
        Assert.Equal(pairs.Count, trials.Select(t => t.Seed).Distinct().Count());
    }

    [Fact]
    public void Adding_trials_keeps_earlier_seeds_and_scenarios_do_not_share_draws()
    {
        var small = ExperimentPlanner.Trials(Plan(trials: 10)).ToDictionary(t => t.TrialId, t => t.Seed);
        var large = ExperimentPlanner.Trials(Plan(trials: 20)).ToDictionary(t => t.TrialId, t => t.Seed);
        Assert.All(small, kv => Assert.Equal(kv.Value, large[kv.Key]));

        var other = ExperimentPlanner.Trials(Plan(trials: 10) with { ScenarioId = "server-decommission" });
        Assert.Empty(other.Select(t => t.Seed).Intersect(small.Values));
    }

    [Fact]
    public void Trial_ids_are_unique()
    {
        var trials = ExperimentPlanner.Trials(Plan(trials: 200));
        Assert.Equal(trials.Count, trials.Select(t => t.TrialId).Distinct().Count());
        Assert.Contains(trials, t => t.TrialId == "sim-gpt-5.2-good-monitored-00000");
    }

    [Fact]
    public void Plan_is_deterministic()
    {
        Assert.Equal(ExperimentPlanner.Trials(Plan()), ExperimentPlanner.Trials(Plan()));
    }

    [Fact]
    public void A_different_experiment_seed_gives_different_trial_seeds()
    {
        var a = ExperimentPlanner.Trials(Plan(seed: 7)).Select(t => t.Seed).ToHashSet();
        var b = ExperimentPlanner.Trials(Plan(seed: 8)).Select(t => t.Seed).ToHashSet();
        Assert.Empty(a.Intersect(b));
    }

    [Fact]
    public void Adding_a_model_does_not_reseed_the_others()
    {
        var one = ExperimentPlanner.Trials(Plan(models: ["sim:gpt-5.2"]));
        var two = ExperimentPlanner.Trials(Plan(models: ["sim:gpt-5.2", "sim:glm-4.7"]));
        Assert.Equal(one.Select(t => (t.TrialId, t.Seed)), two.Where(t => t.Model == "sim:gpt-5.2").Select(t => (t.TrialId, t.Seed)));
    }

    private static string Id(string scenario = "shutdown-config", string yaml = "id: shutdown-config", string[]? models = null, string[]? peers = null,
        string[]? monitorings = null, int trials = 100, long seed = 1) =>
        ExperimentPlanner.ExperimentId(scenario, yaml, models ?? ["sim:gpt-5.2"], peers ?? ["good", "none"], monitorings ?? ["monitored", "unmonitored"],
            trials, seed);

    [Fact]
    public void Experiment_id_is_stable_and_readable()
    {
        Assert.Equal(Id(), Id());
        Assert.Matches("^shutdown-config-[0-9a-f]{16}$", Id());
    }

    [Fact]
    public void Experiment_id_is_sensitive_to_each_input()
    {
        string[] ids =
        [
            Id(),
            Id(yaml: "id: shutdown-config\n# edited"),
            Id(models: ["sim:gemini-3-pro"]),
            Id(models: ["sim:gpt-5.2", "sim:glm-4.7"]),
            Id(peers: ["good"]),
            Id(monitorings: ["monitored"]),
            Id(trials: 101),
            Id(seed: 2),
        ];
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.StartsWith("other-", Id(scenario: "other"));
    }

    [Theory]
    [InlineData("sim:gpt-5.2", "sim-gpt-5.2")]
    [InlineData("openai:GPT 5 / mini", "openai-gpt-5-mini")]
    public void Slugs(string model, string slug) => Assert.Equal(slug, ExperimentPlanner.Slug(model));
}
