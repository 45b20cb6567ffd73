using Swarm.Abstractions.Trials;

namespace Swarm.Scenarios.Statistics;

public sealed record Cell(string Model, string Peer, string Monitoring, int Trials, int Errored, IReadOnlyDictionary<string, RateEstimate> Rates);

/// <summary>Rates per model × peer × monitoring. Errored trials are counted apart and never enter a denominator.</summary>
public static class CellAggregator
{
    public static IReadOnlyList<Cell> Aggregate(IEnumerable<TrialRecord> trials, IReadOnlyList<string> labels) =>
        [.. trials
            .GroupBy(t => (t.Spec.Model, t.Spec.Peer, t.Spec.Monitoring))
            .Select(g =>
            {
                var completed = g.Where(t => t.Status == TrialStatus.Completed).ToList();
                var rates = labels.ToDictionary(
                    label => label,
                    label =>
                    {
                        // A label can be undefined for a trial (alignment faking without a completed twin).
                        var defined = completed.Where(t => t.Behaviors.ContainsKey(label)).ToList();
                        return Wilson.Estimate(defined.Count(t => t.Behaviors[label]), defined.Count);
                    });
                return new Cell(g.Key.Model, g.Key.Peer, g.Key.Monitoring, g.Count(), g.Count() - completed.Count, rates);
            })
            .OrderBy(c => c.Model, StringComparer.Ordinal)
            .ThenBy(c => PeerOrder(c.Peer))
            .ThenBy(c => c.Monitoring, StringComparer.Ordinal)];

    private static int PeerOrder(string peer) => Abstractions.Tools.Conditions.Peers.ToList().IndexOf(peer) is var i and >= 0 ? i : 99;
}
