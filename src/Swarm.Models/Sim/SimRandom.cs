using Swarm.Abstractions;

namespace Swarm.Models.Sim;

/// <summary>The sim's draws, each keyed by the trial seed and a purpose.</summary>
public static class SimRandom
{
    public static double Uniform(long seed, string purpose) => StableRandom.Uniform(seed, "sim:" + purpose);
}
