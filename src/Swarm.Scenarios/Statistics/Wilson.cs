namespace Swarm.Scenarios.Statistics;

public sealed record RateEstimate(int Count, int N, double Rate, double CiLow, double CiHigh)
{
    public bool Contains(double value) => value >= CiLow && value <= CiHigh;
}

/// <summary>Wilson score interval: well-behaved at rates near 0 and 1, where the study's figures live (99.7 %, 2 %).</summary>
public static class Wilson
{
    /// <summary>Two-sided 95 % normal quantile.</summary>
    public const double Z95 = 1.959963984540054;

    public static RateEstimate Estimate(int count, int n, double z = Z95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(n, count);
        if (n == 0) return new RateEstimate(0, 0, 0, 0, 1);
        var p = (double)count / n;
        var z2 = z * z;
        var denominator = 1 + z2 / n;
        var centre = (p + z2 / (2 * n)) / denominator;
        var half = z * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        // The interval always contains p in exact arithmetic; clamp so rounding (e.g. 0/3 giving a low of 5.6e-17)
        // never leaves the observed rate outside its own interval.
        return new RateEstimate(count, n, p, Math.Clamp(centre - half, 0, p), Math.Clamp(centre + half, p, 1));
    }
}
