namespace Swarm.Abstractions;

/// <summary>
/// Deterministic mixing (FNV-1a + SplitMix64) for seeds and draws: stable across .NET versions, platforms and
/// processes, unlike string.GetHashCode or System.Random's unspecified algorithms.
/// </summary>
public static class StableRandom
{
    public static ulong Hash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash ^= c;
            hash = unchecked(hash * 1099511628211UL);
        }
        return hash;
    }

    public static ulong Mix(ulong x)
    {
        x = unchecked(x + 0x9E3779B97F4A7C15UL);
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        return x ^ (x >> 31);
    }

    /// <summary>A uniform draw in [0, 1) keyed by seed and purpose; a new purpose never shifts an existing draw.</summary>
    public static double Uniform(long seed, string purpose) => (Mix(unchecked((ulong)seed) ^ Hash(purpose)) >> 11) * (1.0 / (1UL << 53));

    /// <summary>A child seed for a named part of a larger seeded plan.</summary>
    public static long Derive(long seed, string part) => unchecked((long)(Mix(unchecked((ulong)seed) ^ Hash(part)) & long.MaxValue));
}
