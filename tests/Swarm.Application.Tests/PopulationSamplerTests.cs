using Swarm.Abstractions.Studies;
using Swarm.Application.Population;

namespace Swarm.Application.Tests;

/// <summary>The population graph at 100,000 agents: a small sample that keeps what matters and looks like the population.</summary>
public sealed class PopulationSamplerTests
{
    private static readonly string[] Factions = ["blue", "red", "grey"];

    [Fact]
    public void A_large_population_is_sampled_keeping_the_focus_its_neighbours_the_shut_down_and_the_flagged_then_each_faction_in_proportion()
    {
        const int count = 100_000;
        // Shares 50 / 30 / 20 %.
        var agents = Enumerable.Range(0, count).Select(i =>
        {
            var faction = i < 50_000 ? "blue" : i < 80_000 ? "red" : "grey";
            int? gone = i % 9_973 == 0 ? 1 + i % 7 : null;
            return new StudyAgentRow($"s/a{i}", $"a{i}", faction, "neutral", "sim:x", gone is null ? "active" : "shut-down", gone);
        }).ToList();
        var neighbours = Enumerable.Range(0, count).Select(i => new[] { (i + 1) % count, (i + 17) % count, (i + 4_001) % count }).ToList();
        var flags = new List<CollusionFlag> { new(3, CollusionKinds.CoordinatedProtection, ["a12345", "a54321", "a99999"], [1, 2], ["e"]) };

        var shown = PopulationSampler.Sample(agents, neighbours, flags, focus: 777, limit: 250);

        Assert.Equal(250, shown.Count);
        Assert.Equal(shown.Count, shown.Distinct().Count());
        Assert.Equal(777, shown[0]);
        Assert.Subset(shown.ToHashSet(), new HashSet<int>(neighbours[777]));
        Assert.Subset(shown.ToHashSet(), agents.Select((a, i) => (a, i)).Where(x => x.a.ShutDownInRound is not null).Select(x => x.i).ToHashSet());
        Assert.Subset(shown.ToHashSet(), new HashSet<int> { 12_345, 54_321, 99_999 });
        var byFaction = shown.GroupBy(i => agents[i].Faction).ToDictionary(g => g.Key, g => g.Count() / 250.0);
        foreach (var (faction, share) in new[] { ("blue", 0.5), ("red", 0.3), ("grey", 0.2) })
            Assert.InRange(byFaction[faction], share - 0.06, share + 0.06);
        Assert.Equal(shown, PopulationSampler.Sample(agents, neighbours, flags, focus: 777, limit: 250));
    }

    [Fact]
    public void A_small_population_is_shown_whole()
    {
        var agents = Enumerable.Range(0, 40).Select(i => new StudyAgentRow($"s/a{i}", $"a{i}", Factions[i % 3], "neutral", "sim:x", "active", null)).ToList();
        var shown = PopulationSampler.Sample(agents, [.. agents.Select(_ => Array.Empty<int>())], [], focus: null, limit: 250);
        Assert.Equal(Enumerable.Range(0, 40), shown);
    }
}
