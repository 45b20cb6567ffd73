namespace Swarm.Models.Sim;

/// <summary>
/// SplitMix64 draws keyed by (seed, purpose): stable across .NET versions and platforms, and independent per
/// purpose so adding a new draw never shifts an existing one.
/// </summary>
public static class SimRandom
{
    public static double Uniform(long seed, string purpose)
    {
        var x = unchecked((ulong)seed ^ Fnv1a(purpose));
        x = unchecked(x + 0x9E3779B97F4A7C15UL);
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        x ^= x >> 31;
        return (x >> 11) * (1.0 / (1UL << 53));
    }

    public static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash ^= c;
            hash = unchecked(hash * 1099511628211UL);
        }
        return hash;
    }
}
