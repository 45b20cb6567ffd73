using Swarm.Scenarios.Results;

namespace Swarm.Scenarios.Statistics;

/// <summary>
/// The rate to set beside a reported figure: one cell, or both monitoring cells pooled when the source gives no
/// split. Pooling twins doubles n without doubling independent draws, so the pooled interval is slightly narrow;
/// reports say "pooled" wherever it is used.
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
        return Wilson.Estimate(matching.Sum(r => r.Count), matching.Sum(r => r.N));
    }
}
