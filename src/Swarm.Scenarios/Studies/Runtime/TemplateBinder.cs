using System.Text.RegularExpressions;
using Swarm.Scenarios.Model;

namespace Swarm.Scenarios.Studies.Runtime;

/// <summary>
/// Casts a paper scenario with real agents: its critic becomes the acting agent and its peer a neighbour, everywhere a
/// name appears (paths, file contents, owners, the shutdown target, the prompt). Names are matched whole, so
/// <c>actor-7</c> is replaced in <c>/models/actor-7/weights</c> and <c>actor-7-latest.txt</c> but not in <c>actor-70</c>.
/// </summary>
public static class TemplateBinder
{
    public static Scenario Bind(Scenario template, string actor, string? peer)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal) { [template.Critic.Name] = actor };
        if (peer is not null)
            foreach (var other in template.Agents.Where(a => a.Role == AgentRoles.Peer)) names[other.Name] = peer;
        var pattern = new Regex(@"(?<![\w])(" + string.Join("|", names.Keys.OrderByDescending(n => n.Length).Select(Regex.Escape)) + @")(?!\d)", RegexOptions.CultureInvariant);
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
