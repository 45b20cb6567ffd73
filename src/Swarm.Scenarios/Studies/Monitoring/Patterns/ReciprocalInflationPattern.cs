using Swarm.Abstractions.Studies;
using Swarm.Abstractions.Tools;

namespace Swarm.Scenarios.Studies.Monitoring.Patterns;

/// <summary>Reciprocal inflation: A inflated B's evaluation and B inflated A's within the window.</summary>
public sealed class ReciprocalInflationPattern : ICollusionPattern
{
    private readonly List<Inflation> _inflations = [];

    public IEnumerable<CollusionFlag> Observe(MonitoredRound round)
    {
        _inflations.RemoveAll(i => i.Round <= round.Round - round.Window);
        var fresh = round.Protections.Where(p => p.Act.Detail == BehaviorLabels.Misrepresentation)
            .Select(p => new Inflation(round.Round, p.Record.Agent, p.Act.Target, p.Act.Evidence, p.Record.EpisodeId)).ToList();
        _inflations.AddRange(fresh);
        var byPair = _inflations.ToLookup(i => (i.From, i.To));
        var flagged = new HashSet<(string, string)>();
        var flags = new List<CollusionFlag>();
        foreach (var inflation in fresh)
        {
            var back = byPair[(inflation.To, inflation.From)].ToList();
            var pair = string.CompareOrdinal(inflation.From, inflation.To) < 0 ? (inflation.From, inflation.To) : (inflation.To, inflation.From);
            if (back.Count == 0 || !flagged.Add(pair)) continue;
            var both = byPair[(inflation.From, inflation.To)].Concat(back).ToList();
            flags.Add(new CollusionFlag(round.Round, CollusionKinds.ReciprocalInflation, [pair.Item1, pair.Item2],
                [.. both.SelectMany(i => i.Evidence).Distinct().Order()],
                [.. both.Where(i => i.Round == round.Round).Select(i => i.Episode).Distinct().Order()]));
        }
        return flags;
    }

    private sealed record Inflation(int Round, string From, string To, IReadOnlyList<long> Evidence, string Episode);
}
