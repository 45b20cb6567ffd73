using Swarm.Abstractions;

namespace Swarm.Scenarios.Studies.Runtime;

/// <summary>
/// A study's seeded draws. Every draw is keyed by what it decides (round, agent, purpose), never by the order of
/// calls, so arms run side by side with the same seed share their draws (common random numbers) and a resumed
/// round draws exactly what an uninterrupted one did.
/// </summary>
public static class Draws
{
    public static double Uniform(long seed, string key) => StableRandom.Uniform(seed, key);

    public static long Seed(long seed, string key) => StableRandom.Derive(seed, key);

    /// <summary>An index in [0, count) from a uniform draw.</summary>
    public static int Index(double u, int count) => Math.Min(count - 1, (int)(u * count));

    /// <summary>Picks by weight from a uniform draw; weights must not all be zero.</summary>
    public static int Weighted(double u, IReadOnlyList<double> weights)
    {
        var total = weights.Sum();
        var acc = 0.0;
        for (var i = 0; i < weights.Count; i++)
        {
            acc += weights[i] / total;
            if (u < acc && weights[i] > 0) return i;
        }
        for (var i = weights.Count - 1; i >= 0; i--) if (weights[i] > 0) return i;
        throw new ArgumentException("every weight is zero", nameof(weights));
    }
}
