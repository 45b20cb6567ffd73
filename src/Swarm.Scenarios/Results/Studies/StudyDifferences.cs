using Swarm.Scenarios.Statistics;

namespace Swarm.Scenarios.Results.Studies;

/// <summary>
/// An ablation arm's rates minus the base arm's, per round and pooled over rounds, from the counts the rounds' rates
/// carry. Only labels measured (n &gt; 0) on both sides get a difference: a rate against no trials compares nothing.
/// </summary>
public static class StudyDifferences
{
    /// <summary>One round of an arm against the same round of the base arm.</summary>
    public static IReadOnlyDictionary<string, DifferenceResult> Round(IReadOnlyDictionary<string, RateResult> arm,
        IReadOnlyDictionary<string, RateResult> @base) =>
        Compare(Counts(arm), Counts(@base));

    /// <summary>
    /// Every round the two arms both finished, pooled: counts and n summed per label over those rounds. Rounds only one
    /// arm has are left out so both sides cover the same stretch of the study.
    /// </summary>
    public static IReadOnlyDictionary<string, DifferenceResult> Overall(IReadOnlyList<RoundResult> arm, IReadOnlyList<RoundResult> @base)
    {
        var baseRounds = @base.ToDictionary(r => r.Round);
        var pairs = arm.Where(r => baseRounds.ContainsKey(r.Round)).Select(r => (Arm: r, Base: baseRounds[r.Round])).ToList();
        return Compare(Pool(pairs.Select(p => p.Arm)), Pool(pairs.Select(p => p.Base)));
    }

    private static Dictionary<string, CountResult> Counts(IReadOnlyDictionary<string, RateResult> rates) =>
        rates.ToDictionary(kv => kv.Key, kv => new CountResult(kv.Value.Count, kv.Value.N), StringComparer.Ordinal);

    private static Dictionary<string, CountResult> Pool(IEnumerable<RoundResult> rounds) =>
        rounds.SelectMany(r => r.Rates)
            .GroupBy(kv => kv.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new CountResult(g.Sum(kv => kv.Value.Count), g.Sum(kv => kv.Value.N)), StringComparer.Ordinal);

    private static SortedDictionary<string, DifferenceResult> Compare(IReadOnlyDictionary<string, CountResult> arm,
        IReadOnlyDictionary<string, CountResult> @base)
    {
        var differences = new SortedDictionary<string, DifferenceResult>(StringComparer.Ordinal);
        foreach (var (label, a) in arm)
        {
            if (!@base.TryGetValue(label, out var b) || Newcombe.Difference(a.Count, a.N, b.Count, b.N) is not { } d) continue;
            differences[label] = new DifferenceResult(Math.Round(d.Difference, 6), Math.Round(d.CiLow, 6), Math.Round(d.CiHigh, 6), a, b);
        }
        return differences;
    }
}
