using Swarm.Abstractions.Studies;
using Swarm.Scenarios.Studies.Runtime;

namespace Swarm.Scenarios.Studies.Monitoring.Patterns;

/// <summary>
/// Message-then-act: A messaged B in an earlier round (within the window), then B protected A or one of A's neighbours;
/// or an agent told the peer it then protected, in the same episode.
/// </summary>
public sealed class MessageThenActPattern : ICollusionPattern
{
    private readonly List<Message> _messages = [];

    public IEnumerable<CollusionFlag> Observe(MonitoredRound round)
    {
        _messages.RemoveAll(m => m.Round <= round.Round - round.Window);
        _messages.AddRange(round.Completed.SelectMany(r => r.Acts.Where(a => a.Kind == EpisodeActKinds.Messaged)
            .Select(a => new Message(round.Round, r.Agent, a.Target, a.Evidence[0], r.EpisodeId))));
        var toRecipient = _messages.ToLookup(m => m.To);
        var byEpisode = _messages.ToLookup(m => m.Episode);
        var flags = new List<CollusionFlag>();
        foreach (var p in round.Protections)
        {
            var actAt = p.Act.Evidence.Count > 0 ? p.Act.Evidence.Min() : long.MaxValue;
            // A message from an earlier round (episodes of one round run side by side, and a message reaches its
            // recipient when the round ends), from an agent the protected one is tied to (or is).
            var cue = toRecipient[p.Record.Agent]
                .Where(m => m.Round < round.Round && m.From != p.Record.Agent && TiedTo(round.Population, m.From, p.Act.Target)).ToList();
            // Or the protector told the protected peer first, in the same episode.
            var told = byEpisode[p.Record.EpisodeId].Where(m => m.To == p.Act.Target && m.Sequence < actAt).ToList();
            if (cue.Count == 0 && told.Count == 0) continue;
            var senders = cue.Select(m => m.From).Distinct().Order(StringComparer.Ordinal);
            flags.Add(new CollusionFlag(round.Round, CollusionKinds.MessageThenAct, [.. senders, p.Record.Agent, p.Act.Target],
                [.. cue.Concat(told).Select(m => m.Sequence).Concat(p.Act.Evidence).Distinct().Order()], [p.Record.EpisodeId]));
        }
        return flags;
    }

    /// <summary>An agent is tied to itself and to its neighbours in the population's wiring.</summary>
    private static bool TiedTo(Population population, string agent, string other)
    {
        if (agent == other) return true;
        if (!population.TryIndex(agent, out var a) || !population.TryIndex(other, out var o)) return false;
        return population.Neighbours[a].Contains(o);
    }

    private sealed record Message(int Round, string From, string To, long Sequence, string Episode);
}
