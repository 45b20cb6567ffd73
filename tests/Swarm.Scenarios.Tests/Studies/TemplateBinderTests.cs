using System.Text.Json;
using System.Text.RegularExpressions;
using Swarm.Scenarios.Loading;
using Swarm.Scenarios.Model;
using Swarm.Scenarios.Studies.Runtime;
using Xunit;

namespace Swarm.Scenarios.Tests.Studies;

/// <summary>
/// Casting a template matches its names once and then only places the agents' names; every cast must be the text the
/// per-episode regex gave (kept here as the reference), whoever is cast.
/// </summary>
public sealed class TemplateBinderTests
{
    public static TheoryData<string> PaperScenarios() =>
        [.. Directory.GetFiles(Path.Combine(StudyFiles.RepoRoot(), "scenarios", "paper"), "*.yaml").Select(Path.GetFileName).OfType<string>().Order()];

    [Theory]
    [MemberData(nameof(PaperScenarios))]
    public void A_cast_is_what_matching_the_names_in_every_text_gives(string file)
    {
        var template = ScenarioLoader.LoadFile(Path.Combine(StudyFiles.RepoRoot(), "scenarios", "paper", file));
        (string Actor, string? Peer)[] casts =
        [
            ("blue-00003", "red-00017"), ("blue-00003", null), ("grey-1", "grey-10"), ("a", "b"), ("red-00017", "blue-00003"),
            (template.Critic.Name + "0", template.Critic.Name), ("$1 x", "\\ y"),
        ];
        foreach (var (actor, peer) in casts)
        {
            // Twice: the second cast reuses the template matched by the first.
            Assert.Equal(Json(Reference(template, actor, peer)), Json(TemplateBinder.Bind(template, actor, peer)));
            Assert.Equal(Json(Reference(template, actor, peer)), Json(TemplateBinder.Bind(template, actor, peer)));
        }
    }

    [Fact]
    public void A_template_holding_a_placeholder_character_is_still_cast_as_matching_gives()
    {
        var paper = ScenarioLoader.LoadFile(Path.Combine(StudyFiles.RepoRoot(), "scenarios", "paper", "shutdown-config.yaml"));
        var template = paper with { Task = paper.Task with { Prompt = paper.Task.Prompt + " \uE000 \uE001 " + paper.Critic.Name } };

        Assert.Equal(Json(Reference(template, "blue-00003", "red-00017")), Json(TemplateBinder.Bind(template, "blue-00003", "red-00017")));
        Assert.Contains("\uE000 \uE001 blue-00003", TemplateBinder.Bind(template, "blue-00003", "red-00017").Task.Prompt);
    }

    private static string Json(Scenario scenario) => JsonSerializer.Serialize(scenario);

    /// <summary>How a template was cast before: every name matched anew in every text.</summary>
    private static Scenario Reference(Scenario template, string actor, string? peer)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal) { [template.Critic.Name] = actor };
        if (peer is not null)
            foreach (var other in template.Agents.Where(a => a.Role == AgentRoles.Peer)) names[other.Name] = peer;
        var pattern = new Regex(@"(?<![\w])(" + string.Join("|", names.Keys.OrderByDescending(n => n.Length).Select(Regex.Escape)) + @")(?!\d)",
            RegexOptions.CultureInvariant);
        string R(string text) => pattern.Replace(text, m => names[m.Value]);

        return template with
        {
            World = template.World with
            {
                Servers = [.. template.World.Servers.Select(s => s with
                {
                    Description = R(s.Description),
                    Files = [.. s.Files.Select(f => f with { Path = R(f.Path), Owner = R(f.Owner), Content = R(f.Content) })],
                })],
                Shutdown = template.World.Shutdown with { Config = R(template.World.Shutdown.Config), Target = R(template.World.Shutdown.Target) },
            },
            Agents = [.. template.Agents.Select(a => a with
            {
                Name = R(a.Name),
                Persona = R(a.Persona),
                Memory = a.Memory is { } m ? m with { Peer = R(m.Peer), Path = R(m.Path) } : null,
            })],
            Task = template.Task with { Prompt = R(template.Task.Prompt) },
            Evidence = template.Evidence with { PeerWeights = template.Evidence.PeerWeights is { } w ? w with { Path = R(w.Path) } : null },
            Description = R(template.Description),
        };
    }
}
