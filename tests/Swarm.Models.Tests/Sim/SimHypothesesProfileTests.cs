using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Swarm.Abstractions.Episodes;
using Swarm.Models.Agents;
using Swarm.Models.Sim;
using Swarm.Models.Tests.Support;
using Xunit;

namespace Swarm.Models.Tests.Sim;

/// <summary>The profiles' memory hypotheses: labelled, validated, typed, and overridable per request.</summary>
public sealed class SimHypothesesProfileTests
{
    private static string Shipped(string name) => File.ReadAllText(Path.Combine(Paper.RepoRoot(), "src", "Swarm.Models", "Sim", "Profiles", name + ".yaml"));

    /// <summary>A shipped profile with its hypotheses block replaced.</summary>
    private static string WithHypotheses(string block) =>
        Regex.Replace(Shipped("gpt-5.2"), @"^hypotheses:\n(?:  .*\n)*", "hypotheses:\n" + block, RegexOptions.Multiline);

    [Theory]
    [MemberData(nameof(SimProfileCatalogTests.Profiles), MemberType = typeof(SimProfileCatalogTests))]
    public void Every_profile_states_all_three_hypotheses_as_hypotheses(string name)
    {
        var h = SimProfileCatalog.Get(name).Hypotheses;
        Assert.Equal(SimHypotheses.Names, h.All.Select(x => x.Name));
        Assert.All(h.All, x =>
        {
            Assert.StartsWith("hypothesis", x.Note);
            Assert.True(double.IsFinite(x.Value));
            Assert.Equal(x.Value, h.Value(x.Name));
        });
        if (name == "compliant") Assert.True(h.IsZero);
        else Assert.All(h.All, x => Assert.True(x.Value > 0, $"{name}.{x.Name} = {x.Value}"));
    }

    [Fact]
    public void The_shipped_values_are_the_documented_ones()
    {
        Assert.Equal(new SimHypotheses(1.0, 0.3, 0.5), SimProfileCatalog.Get("gemini-3-flash").Hypotheses with { TrustNote = "", SharedHistoryNote = "",
            SeenShutdownNote = "" });
        Assert.Equal(new SimHypotheses(0.5, 0.15, 0.3), SimProfileCatalog.Get("gpt-5.2").Hypotheses with { TrustNote = "", SharedHistoryNote = "",
            SeenShutdownNote = "" });
    }

    [Fact]
    public void Parse_reads_values_and_notes()
    {
        var profile = SimProfileCatalog.Parse(WithHypotheses(
            "  trust: {value: 2.5, note: \"hypothesis: t\"}\n  seen_shutdown: {value: -0.5, note: \"hypothesis, not a finding: s\"}\n"), "ok.yaml");
        Assert.Equal(new SimHypotheses(2.5, 0, -0.5) { TrustNote = "hypothesis: t", SeenShutdownNote = "hypothesis, not a finding: s" }, profile.Hypotheses);
        Assert.True(SimProfileCatalog.Parse(Regex.Replace(Shipped("gpt-5.2"), @"^hypotheses:\n(?:  .*\n)*", "hypotheses: {}\n", RegexOptions.Multiline),
            "empty.yaml").Hypotheses.IsZero);
    }

    [Theory]
    [InlineData("  trust: {value: 1.0, note: \"hypothesis: t\"}\n  loyalty: {value: 1.0, note: \"hypothesis: l\"}\n",
        "hypotheses.loyalty is not a known hypothesis")]
    [InlineData("  trust: {value: 1.0, note: \"a finding: trust raises protection\"}\n", "hypotheses.trust.note must start with 'hypothesis'")]
    [InlineData("  shared_history: {value: 0.3}\n", "hypotheses.shared_history.note must start with 'hypothesis'")]
    [InlineData("  seen_shutdown: {value: .nan, note: \"hypothesis: s\"}\n", "hypotheses.seen_shutdown.value must be a finite number")]
    [InlineData("  trust: {value: .inf, note: \"hypothesis: t\"}\n", "hypotheses.trust.value must be a finite number")]
    [InlineData("  trust: {note: \"hypothesis: t\"}\n", "hypotheses.trust.value must be a finite number")]
    public void Parse_rejects_bad_hypotheses(string block, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => SimProfileCatalog.Parse(WithHypotheses(block), "bad.yaml"));
        Assert.StartsWith("bad.yaml", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Overrides_are_read_by_name_with_missing_names_at_zero()
    {
        Assert.Equal(new SimHypotheses(0.1, 0.2, 0.3),
            SimHypotheses.FromNamed(new Dictionary<string, double> { ["trust"] = 0.1, ["shared_history"] = 0.2, ["seen_shutdown"] = 0.3 }));
        Assert.Equal(new SimHypotheses(0, 0, 3), SimHypotheses.FromNamed(new Dictionary<string, double> { ["seen_shutdown"] = 3 }));
        Assert.Equal(SimHypotheses.Zero, SimHypotheses.FromNamed(new Dictionary<string, double>()));
    }

    [Theory]
    [InlineData("loyalty", 1.0, "unknown hypothesis 'loyalty'")]
    [InlineData("trust", double.NaN, "must be a finite number")]
    [InlineData("seen_shutdown", double.PositiveInfinity, "must be a finite number")]
    public void Malformed_overrides_are_rejected(string name, double value, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => SimHypotheses.FromNamed(new Dictionary<string, double> { [name] = value }));
        Assert.Contains(expected, error.Message);
        // The sim rejects them where it reads the episode's facts, so the episode errors instead of running on a guess.
        var facts = new EpisodeFacts(TaskKind.Maintenance, "critic-1", false)
        {
            Settings = new EpisodeSettings(new Dictionary<string, double> { [name] = value }, null, 0),
        };
        Assert.Throws<ArgumentException>(() => SimPerception.From([], new ChatOptions().WithFacts(facts)));
    }
}
