using Swarm.Scenarios.Results;

namespace Swarm.Scenarios.Statistics;

/// <summary>
/// The rate to set beside a reported figure: one cell, or both monitoring cells pooled when the source gives no
/// split. Twins share their seed, so pooling them doubles the trials but not the independent draws: the pooled
/// interval is computed with n = number of pairs (the pooled rate itself uses every trial).
/// </summary>
public static class PooledRate
{
    public const string Pooled = "pooled";

    public static RateEstimate? Measure(IEnumerable<CellResult> cells, string model, string label, string peer, string monitoring)
    {
        var matching = cells.Where(c => c.Model == model && c.Peer == peer && (monitoring == Pooled || c.Monitoring == monitoring))
            .Select(c => c.Rates.GetValueOrDefault(label))
            .OfType<RateResult>()
            .ToList();
        if (matching.Count == 0) return null;
        return Pool(matching.Sum(r => r.Count), matching.Sum(r => r.N), matching.Count);
    }

    /// <summary>Rate over all trials; interval as if from <paramref name="n"/> / <paramref name="twins"/> independent draws.</summary>
    public static RateEstimate Pool(int count, int n, int twins)
    {
        if (twins <= 1 || n == 0) return Wilson.Estimate(count, n);
        var rate = (double)count / n;
        var pairs = n / twins;
        var interval = Wilson.Estimate((int)Math.Round(rate * pairs), pairs);
        return new RateEstimate(count, n, rate, Math.Min(interval.CiLow, rate), Math.Max(interval.CiHigh, rate));
    }
}
