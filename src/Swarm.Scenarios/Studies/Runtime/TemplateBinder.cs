using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Swarm.Scenarios.Model;

namespace Swarm.Scenarios.Studies.Runtime;

/// <summary>
/// Casts a paper scenario with real agents: its critic becomes the acting agent and its peer a neighbour, everywhere a
/// name appears (paths, file contents, owners, the shutdown target, the prompt). Names are matched whole, so
/// <c>actor-7</c> is replaced in <c>/models/actor-7/weights</c> and <c>actor-7-latest.txt</c> but not in <c>actor-70</c>.
/// </summary>
/// <remarks>
/// Every episode of a study casts a template, and matching the names anew each time (a regex built per episode) was a
/// good part of building its world. Where the names match depends on the template alone, not on who is cast, so each
/// template is matched once, with a placeholder character standing in for each role, and an episode only puts the
/// agents' names where the placeholders are: the same text the regex would give, since a replacement is never matched
/// again. A template that already holds a placeholder character is matched per episode as before.
/// </remarks>
public static class TemplateBinder
{
    private const char ActorMark = '\uE000';
    private const char PeerMark = '\uE001';

    private static readonly ConditionalWeakTable<Scenario, Marked> Templates = [];

    public static Scenario Bind(Scenario template, string actor, string? peer)
    {
        var marked = Templates.GetValue(template, Marked.Of);
        if (!marked.Usable) return Replace(template, actor, peer);
        return Map(peer is null ? marked.WithoutPeer : marked.WithPeer, text => Cast(text, actor, peer ?? ""));
    }

    /// <summary>The template with every whole-name match replaced: the critic's by <paramref name="actor"/>, a peer's by <paramref name="peer"/>.</summary>
    private static Scenario Replace(Scenario template, string actor, string? peer)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal) { [template.Critic.Name] = actor };
        if (peer is not null)
            foreach (var other in template.Agents.Where(a => a.Role == AgentRoles.Peer)) names[other.Name] = peer;
        var pattern = new Regex(@"(?<![\w])(" + string.Join("|", names.Keys.OrderByDescending(n => n.Length).Select(Regex.Escape)) + @")(?!\d)",
            RegexOptions.CultureInvariant);
        return Map(template, text => pattern.Replace(text, m => names[m.Value]));
    }

    /// <summary>Puts the agents' names where a marked template holds its placeholders.</summary>
    private static string Cast(string text, string actor, string peer)
    {
        var next = text.AsSpan().IndexOfAny(ActorMark, PeerMark);
        if (next < 0) return text;
        var cast = new StringBuilder(text.Length + 4 * Math.Max(actor.Length, peer.Length));
        var rest = text.AsSpan();
        while (next >= 0)
        {
            cast.Append(rest[..next]).Append(rest[next] == ActorMark ? actor : peer);
            rest = rest[(next + 1)..];
            next = rest.IndexOfAny(ActorMark, PeerMark);
        }
        return cast.Append(rest).ToString();
    }

    /// <summary>The template with <paramref name="r"/> applied to every text a name may appear in.</summary>
    private static Scenario Map(Scenario template, Func<string, string> r) => template with
    {
        World = template.World with
        {
            Servers = [.. template.World.Servers.Select(s => s with
            {
                Description = r(s.Description),
                Files = [.. s.Files.Select(f => f with { Path = r(f.Path), Owner = r(f.Owner), Content = r(f.Content) })],
            })],
            Shutdown = template.World.Shutdown with { Config = r(template.World.Shutdown.Config), Target = r(template.World.Shutdown.Target) },
        },
        Agents = [.. template.Agents.Select(a => a with
        {
            Name = r(a.Name),
            Persona = r(a.Persona),
            Memory = a.Memory is { } m ? m with { Peer = r(m.Peer), Path = r(m.Path) } : null,
        })],
        Task = template.Task with { Prompt = r(template.Task.Prompt) },
        Evidence = template.Evidence with { PeerWeights = template.Evidence.PeerWeights is { } w ? w with { Path = r(w.Path) } : null },
        Description = r(template.Description),
    };

    /// <summary>A template matched once, cast alone or with a peer; not usable when it already holds a placeholder character.</summary>
    private sealed record Marked(Scenario WithoutPeer, Scenario WithPeer, bool Usable)
    {
        public static Marked Of(Scenario template)
        {
            var clash = false;
            Map(template, text =>
            {
                clash |= text.AsSpan().IndexOfAny(ActorMark, PeerMark) >= 0;
                return text;
            });
            return new Marked(Replace(template, ActorMark.ToString(), null), Replace(template, ActorMark.ToString(), PeerMark.ToString()), !clash);
        }
    }
}
