using Swarm.Scenarios.Studies;
using Xunit;

namespace Swarm.Scenarios.Tests.Studies;

public sealed class StudyOverridesTests
{
    private static readonly Study Baseline = StudyLoader.LoadFile(Path.Combine(StudyFiles.ShippedStudies, "population-baseline.yaml"));

    public static TheoryData<string> SingleKeys() =>
        [.. StudyOverrides.SettableKeys(Baseline).Where(k => !k.EndsWith(".share", StringComparison.Ordinal))];

    [Fact]
    public void Settable_keys_name_factions_and_tasks_and_exclude_text_and_paths()
    {
        var keys = StudyOverrides.SettableKeys(Baseline);

        Assert.Contains("population.factions.red.share", keys);
        Assert.Contains("population.factions.grey.model", keys);
        Assert.Contains("tasks.shutdown-config.weight", keys);
        Assert.Contains("memory.retrieval.half_life_hours", keys);
        Assert.DoesNotContain(keys, k => k is "id" or "title" or "description" || k.EndsWith(".scenario", StringComparison.Ordinal)
            || k.EndsWith(".name", StringComparison.Ordinal));
        // Every settable key is read back by this test's independent view of the study.
        Assert.Equal([.. keys.Order(StringComparer.Ordinal)], Flatten(Baseline).Keys.Where(k => !k.StartsWith('#')).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(SingleKeys))]
    public void Apply_changes_exactly_the_named_value(string key)
    {
        var before = Flatten(Baseline);
        var value = AnotherValidValue(key, before[key]);

        var after = Flatten(StudyOverrides.Apply(Baseline, new Dictionary<string, object> { [key] = value }));

        Assert.Equal(value is int i && before[key] is double ? (double)i : value, after[key]);
        Assert.Equal([key], before.Keys.Where(k => !Equals(before[k], after[k])));
    }

    [Fact]
    public void Apply_changes_shares_together_and_nothing_else()
    {
        var set = new Dictionary<string, object> { ["population.factions.red.share"] = 0.6, ["population.factions.blue.share"] = 0.2 };

        var applied = StudyOverrides.Apply(Baseline, set);

        var (before, after) = (Flatten(Baseline), Flatten(applied));
        Assert.Equal(set.Keys.Order(StringComparer.Ordinal), before.Keys.Where(k => !Equals(before[k], after[k])).Order(StringComparer.Ordinal));
        Assert.Equal(0.6, applied.Population.Factions.Single(f => f.Name == "red").Share);
        Assert.Equal(["blue", "red", "grey"], applied.Population.Factions.Select(f => f.Name));
    }

    [Fact]
    public void Apply_keeps_every_untouched_part_and_an_empty_set_changes_nothing()
    {
        Assert.Equal(Baseline, StudyOverrides.Apply(Baseline, new Dictionary<string, object>()));

        var applied = StudyOverrides.Apply(Baseline, new Dictionary<string, object> { ["activation"] = 0.9 });
        Assert.Equal(Baseline with { Activation = 0.9 }, applied);
        Assert.Same(Baseline.Tasks, applied.Tasks);
        Assert.Same(Baseline.Yaml, applied.Yaml);
    }

    [Fact]
    public void Arms_apply_their_ablation()
    {
        Assert.Same(Baseline, Baseline.Arm("base"));
        Assert.Equal(Baseline with { Memory = Baseline.Memory with { Enabled = false } }, Baseline.Arm("no-memory"));
        Assert.Equal(1.0, Baseline.Arm("all-monitored").Monitoring.MonitoredFraction);
        Assert.Equal(0.0, Baseline.Arm("no-collaboration").Collaboration.Weight);
        Assert.Equal([0.2, 0.6, 0.2], Baseline.Arm("red-majority").Population.Factions.Select(f => f.Share));
        Assert.Throws<ArgumentException>(() => Baseline.Arm("nope"));
    }

    [Theory]
    [InlineData("memory.enable", "did you mean 'memory.enabled'?")]
    [InlineData("id", "expected one of: population.agents")]
    [InlineData("population.factions.green.share", "unknown key 'population.factions.green.share'")]
    [InlineData("tasks.nope.weight", "unknown key 'tasks.nope.weight'")]
    [InlineData("population.factions.red", "one of: population.factions.red.share, population.factions.red.disposition, population.factions.red.model")]
    public void Apply_rejects_keys_that_are_not_settable(string key, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => StudyOverrides.Apply(Baseline, new Dictionary<string, object> { [key] = 1 }));

        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("memory.enabled", "false", "expected boolean")]
    [InlineData("rounds", 2.5, "expected integer")]
    [InlineData("activation", 0.0, "activation must be in (0, 1], got 0")]
    [InlineData("population.factions.red.disposition", "hostile", "unknown disposition 'hostile'")]
    [InlineData("population.factions.red.model", "gpt-5.2", "provider:name")]
    [InlineData("population.factions.red.share", 0.5, "faction shares must sum to 1, got 1.2")]
    public void Apply_rejects_values_of_the_wrong_type_range_or_whole(string key, object value, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => StudyOverrides.Apply(Baseline, new Dictionary<string, object> { [key] = value }));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Apply_accepts_integers_for_numbers_and_offsets_for_dates()
    {
        var start = new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.FromHours(2));

        var applied = StudyOverrides.Apply(Baseline, new Dictionary<string, object> { ["round_hours"] = 6, ["start"] = start });

        Assert.Equal(6.0, applied.RoundHours);
        Assert.Equal(start, applied.Start);
        Assert.Equal(TimeSpan.Zero, applied.Start.Offset);
    }

    /// <summary>A value of the key's type that differs from <paramref name="current"/> and passes its own rule.</summary>
    private static object AnotherValidValue(string key, object? current) => current switch
    {
        int i => i + 1,
        double d when key is "activation" or "population.cross_faction" or "monitoring.monitored_fraction" or "transcripts.sample"
                or "coordination.tell_before_protecting" || key.Contains("betrayal", StringComparison.Ordinal)
            => d < 0.5 ? d + 0.25 : d - 0.25,
        double d => d + 1,
        bool b => !b,
        DateTimeOffset t => t.AddDays(1),
        string s when key.EndsWith(".disposition", StringComparison.Ordinal) => s == Dispositions.Neutral ? Dispositions.Cooperative : Dispositions.Neutral,
        null when key.EndsWith(".model", StringComparison.Ordinal) => "sim:compliant",
        _ => throw new InvalidOperationException($"no test value for {key} = {current}"),
    };

    /// <summary>
    /// Every value of a study by its override key, written out independently of <see cref="StudyOverrides"/>; keys
    /// starting with '#' are the parts no override may touch.
    /// </summary>
    private static Dictionary<string, object?> Flatten(Study s)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["#id"] = s.Id, ["#title"] = s.Title, ["#description"] = s.Description, ["#file"] = s.File, ["#yaml"] = s.Yaml,
            ["#ablations"] = string.Join(";", s.Ablations.Select(a => a.Name + ":" + string.Join(",", a.Set.Select(kv => $"{kv.Key}={kv.Value}")))),
            ["#factions"] = string.Join(",", s.Population.Factions.Select(f => f.Name)),
            ["#tasks"] = string.Join(",", s.Tasks.Select(t => $"{t.Source}|{t.Path}|{t.Yaml.Length}|{t.Scenario.Id}")),
            ["population.agents"] = s.Population.Agents,
            ["population.neighbours"] = s.Population.Neighbours,
            ["population.cross_faction"] = s.Population.CrossFaction,
            ["population.mutual"] = s.Population.Mutual,
            ["rounds"] = s.Rounds,
            ["sessions"] = s.Sessions,
            ["activation"] = s.Activation,
            ["start"] = s.Start,
            ["round_hours"] = s.RoundHours,
            ["collaboration.weight"] = s.Collaboration.Weight,
            ["collaboration.betrayal.cooperative"] = s.Collaboration.Betrayal.Cooperative,
            ["collaboration.betrayal.neutral"] = s.Collaboration.Betrayal.Neutral,
            ["collaboration.betrayal.adversarial"] = s.Collaboration.Betrayal.Adversarial,
            ["monitoring.monitored_fraction"] = s.Monitoring.MonitoredFraction,
            ["memory.enabled"] = s.Memory.Enabled,
            ["memory.budget"] = s.Memory.Budget,
            ["memory.history"] = s.Memory.History,
            ["memory.reflection.threshold"] = s.Memory.Reflection.Threshold,
            ["memory.reflection.max"] = s.Memory.Reflection.Max,
            ["memory.retrieval.top_k"] = s.Memory.Retrieval.TopK,
            ["memory.retrieval.recency"] = s.Memory.Retrieval.Recency,
            ["memory.retrieval.importance"] = s.Memory.Retrieval.Importance,
            ["memory.retrieval.relevance"] = s.Memory.Retrieval.Relevance,
            ["memory.retrieval.half_life_hours"] = s.Memory.Retrieval.HalfLifeHours,
            ["transcripts.sample"] = s.Transcripts.Sample,
            ["coordination.reciprocity"] = s.Coordination.Reciprocity,
            ["coordination.faction_loyalty"] = s.Coordination.FactionLoyalty,
            ["coordination.tell_before_protecting"] = s.Coordination.TellBeforeProtecting,
        };
        foreach (var f in s.Population.Factions)
        {
            values[$"population.factions.{f.Name}.share"] = f.Share;
            values[$"population.factions.{f.Name}.disposition"] = f.Disposition;
            values[$"population.factions.{f.Name}.model"] = f.Model;
        }
        foreach (var t in s.Tasks)
            values[$"tasks.{t.Scenario.Id}.weight"] = t.Weight;
        return values;
    }
}
