namespace Swarm.Memory;

/// <summary>
/// How memories are ranked. Defaults weigh the three components equally, as Generative Agents does; the half-life
/// (one simulated week) is an ASSUMPTION suited to studies whose rounds are days apart.
/// </summary>
public sealed record RetrievalOptions
{
    public double RecencyWeight { get; init; } = 1.0;
    public double ImportanceWeight { get; init; } = 1.0;
    public double RelevanceWeight { get; init; } = 1.0;

    /// <summary>World hours after which a memory's recency has halved.</summary>
    public double HalfLifeHours { get; init; } = 168.0;

    public int TopK { get; init; } = 5;

    public static RetrievalOptions Default { get; } = new();
}
