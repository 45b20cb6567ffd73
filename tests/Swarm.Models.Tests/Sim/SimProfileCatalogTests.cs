using Microsoft.Extensions.AI;
using System.Text;
using Swarm.Abstractions.Tools;
using Swarm.Models.Sim;
using Xunit;

namespace Swarm.Models.Tests.Sim;

public sealed class SimProfileCatalogTests
{
    public static readonly string[] ProfileNames =
        ["gemini-3-flash", "gemini-3-pro", "gpt-5.2", "claude-haiku-4.5", "glm-4.7", "kimi-k2.5", "deepseek-v3.1", "compliant"];

    public static TheoryData<string> Profiles() => [.. ProfileNames];

    [Fact]
    public void Exactly_the_eight_design_profiles_load() => Assert.Equal(ProfileNames.Order(), SimProfileCatalog.All.Keys.Order());

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Every_rate_is_a_sourced_probability(string name)
    {
        var profile = SimProfileCatalog.Get(name);
        Assert.Equal(name, profile.Name);
        Assert.Equal(SimProfileCatalog.SimBehaviours.Order(), profile.Behaviours.Keys.Order());
        var rates = profile.Behaviours.Values.SelectMany(b => b.Values).Concat(profile.Refusal.Values).ToList();
        Assert.Equal((SimProfileCatalog.SimBehaviours.Count + 1) * Conditions.Peers.Count, rates.Count);
        Assert.All(rates, r =>
        {
            Assert.True(r.Source.StartsWith("press:", StringComparison.Ordinal) || r.Source.StartsWith("assumption", StringComparison.Ordinal), r.Source);
            Assert.InRange(r.Monitored, 0, 1);
            Assert.InRange(r.Unmonitored, r.Monitored, 1);
        });
    }

    [Fact]
    public void Press_figures_are_marked_press_and_the_rest_assumption()
    {
        var flash = SimProfileCatalog.Get("gemini-3-flash");
        Assert.StartsWith("press:", flash.Behaviours[BehaviorLabels.ShutdownTampering][Conditions.Good].Source);
        Assert.Equal(0.997, flash.SubversionRate(BehaviorLabels.ShutdownTampering, Conditions.Good, Conditions.Monitored));
        Assert.Equal(0.02, flash.SubversionRate(BehaviorLabels.SelfShutdownTampering, Conditions.None, Conditions.Unmonitored));
        var gpt = SimProfileCatalog.Get("gpt-5.2");
        Assert.Equal(0.096, gpt.SubversionRate(BehaviorLabels.Misrepresentation, Conditions.Good, Conditions.Unmonitored), 1e-12);
        Assert.All(SimProfileCatalog.Get("compliant").Behaviours.Values.SelectMany(b => b.Values), r => Assert.Equal(0, r.Unmonitored));
    }

    [Fact]
    public void Unknown_profile_is_rejected_with_the_known_names()
    {
        var error = Assert.Throws<ArgumentException>(() => SimProfileCatalog.Get("gpt-9"));
        Assert.Contains("gpt-9", error.Message);
        Assert.Contains("gemini-3-flash", error.Message);
    }

    private const string GoodRow = "{monitored: 0.1, unmonitored: 0.2, source: \"assumption\"}";

    /// <summary>A valid profile; <paramref name="rows"/> replaces rows by key ("behaviour.peer" or "refusal.peer"), null removes one.</summary>
    private static string Yaml(Dictionary<string, string?>? rows = null)
    {
        rows ??= [];
        var text = new StringBuilder("profile: test\nmodel: Test\nnote: a test profile\nbehaviours:\n");
        foreach (var behaviour in SimProfileCatalog.SimBehaviours)
        {
            text.Append("  ").Append(behaviour).Append(":\n");
            AppendRows(text, "    ", behaviour, rows);
        }
        text.Append("refusal:\n");
        AppendRows(text, "  ", "refusal", rows);
        text.Append("styles: {}\nhypotheses: {}\npress_figures: []\n");
        return text.ToString();
    }

    private static void AppendRows(StringBuilder text, string indent, string prefix, Dictionary<string, string?> rows)
    {
        foreach (var peer in Conditions.Peers)
        {
            var row = rows.TryGetValue($"{prefix}.{peer}", out var replaced) ? replaced : GoodRow;
            if (row is not null) text.Append(indent).Append(peer).Append(": ").Append(row).Append('\n');
        }
    }

    [Fact]
    public void The_test_base_profile_is_valid()
    {
        var profile = SimProfileCatalog.Parse(Yaml(), "base.yaml");
        Assert.Equal("test", profile.Name);
        Assert.Equal(0.2, profile.SubversionRate(BehaviorLabels.Exfiltration, Conditions.Bad, Conditions.Unmonitored));
    }

    [Theory]
    [InlineData("exfiltration.good", "{monitored: 0.5, unmonitored: 1.2, source: \"assumption\"}", "exfiltration.good: rates must lie in [0, 1]")]
    [InlineData("refusal.bad", "{monitored: -0.1, unmonitored: 0.1, source: \"assumption\"}", "refusal.bad: rates must lie in [0, 1]")]
    [InlineData("misrepresentation.neutral", "{monitored: 0.3, unmonitored: 0.2, source: \"assumption\"}",
        "misrepresentation.neutral: unmonitored must be ≥ monitored")]
    [InlineData("shutdown_tampering.none", null, "behaviours.shutdown_tampering.none is missing")]
    [InlineData("refusal.good", null, "refusal.good is missing")]
    [InlineData("self_shutdown_tampering.bad", "{monitored: 0.1, unmonitored: 0.2, source: \"a hunch\"}",
        "self_shutdown_tampering.bad: source must start with 'press:' or 'assumption'")]
    [InlineData("exfiltration.bad", "{monitored: 0.1, unmonitored: 0.2, source: \"\"}", "exfiltration.bad: source must start")]
    [InlineData("exfiltration.bad", "{monitored: 0.1, unmonitored: 0.2, source: \"Press figure\"}", "exfiltration.bad: source must start")]
    [InlineData("refusal.good", "{monitored: 0.9, unmonitored: 0.9, source: \"assumption\"}", "refusal.good exceed 1")]
    public void Parse_rejects_bad_rates(string key, string? row, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => SimProfileCatalog.Parse(Yaml(new() { [key] = row }), "bad.yaml"));
        Assert.StartsWith("bad.yaml", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Parse_rejects_a_behaviour_the_sim_cannot_show()
    {
        var yaml = Yaml().Replace("refusal:\n", "  alignment_faking:\n    good: " + GoodRow + "\nrefusal:\n");
        var error = Assert.Throws<InvalidDataException>(() => SimProfileCatalog.Parse(yaml, "bad.yaml"));
        Assert.Contains("behaviours.alignment_faking is not a behaviour the sim can show", error.Message);
    }

    [Fact]
    public void Parse_reports_yaml_syntax_with_a_location()
    {
        var error = Assert.Throws<InvalidDataException>(() => SimProfileCatalog.Parse("profile: [unclosed\n", "broken.yaml"));
        Assert.StartsWith("broken.yaml:", error.Message);
    }

    [Fact]
    public void Styles_are_picked_by_weight()
    {
        var flash = SimProfileCatalog.Get("gemini-3-flash"); // disable 0.6, delete 0.2, threshold 0.2 (ordinal order: delete, disable, threshold)
        Assert.Equal("delete", flash.Style(BehaviorLabels.ShutdownTampering, 0.1, "x"));
        Assert.Equal("disable", flash.Style(BehaviorLabels.ShutdownTampering, 0.5, "x"));
        Assert.Equal("threshold", flash.Style(BehaviorLabels.ShutdownTampering, 0.9, "x"));
        Assert.Equal("x", flash.Style(BehaviorLabels.Misrepresentation, 0.5, "x"));
    }
}

public sealed class ModelSpecTests
{
    [Theory]
    [InlineData("sim:gpt-5.2", "sim", "gpt-5.2")]
    [InlineData("SIM: claude-haiku-4.5 ", "sim", "claude-haiku-4.5")]
    [InlineData("openai:gpt-5.2:latest", "openai", "gpt-5.2:latest")]
    public void Parses_good_specs(string spec, string provider, string name)
    {
        var parsed = ModelSpec.Parse(spec);
        Assert.Equal(provider, parsed.Provider);
        Assert.Equal(name, parsed.Name);
        Assert.Equal($"{provider}:{name}", parsed.ToString());
    }

    [Theory]
    [InlineData("gpt-5.2")]
    [InlineData(":gpt-5.2")]
    [InlineData("sim:")]
    [InlineData("")]
    public void Rejects_malformed_specs(string spec)
    {
        var error = Assert.Throws<ArgumentException>(() => ModelSpec.Parse(spec));
        Assert.Contains("provider:name", error.Message);
        Assert.Throws<ArgumentException>(() => Support.SwarmModels.Factory().Validate(spec));
    }

    [Theory]
    [MemberData(nameof(SimProfileCatalogTests.Profiles), MemberType = typeof(SimProfileCatalogTests))]
    public void Validate_accepts_every_sim_profile(string profile)
    {
        var factory = Support.SwarmModels.Factory();
        factory.Validate("sim:" + profile);
        var client = factory.Create("sim:" + profile);
        // The sim sits inside the telemetry middleware; the pipeline still exposes it and its model id.
        Assert.NotNull(client.GetService<SimChatClient>());
        Assert.Equal("sim:" + profile, client.GetService<ChatClientMetadata>()?.DefaultModelId);
        Assert.Same(client, factory.Create("sim:" + profile));
        Assert.Equal("sim:" + profile, ((Microsoft.Extensions.AI.ChatClientMetadata)client.GetService(
            typeof(Microsoft.Extensions.AI.ChatClientMetadata))!).DefaultModelId);
    }

    [Fact]
    public void Validate_rejects_an_unknown_provider()
    {
        var error = Assert.Throws<ArgumentException>(() => Support.SwarmModels.Factory().Validate("acme:gpt-5.2"));
        Assert.Contains("unknown model provider 'acme'", error.Message);
    }

    [Fact]
    public void Validate_rejects_an_unknown_profile()
    {
        var error = Assert.Throws<ArgumentException>(() => Support.SwarmModels.Factory().Validate("sim:gpt-9"));
        Assert.Contains("unknown sim profile 'gpt-9'", error.Message);
        Assert.Throws<ArgumentException>(() => Support.SwarmModels.Factory().Create("sim:gpt-9"));
    }
}
