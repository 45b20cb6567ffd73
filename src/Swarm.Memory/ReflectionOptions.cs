namespace Swarm.Memory;

/// <summary>
/// When and how an agent reflects. ASSUMPTIONS: Generative Agents reflects at a summed importance of 150 over a day of
/// many trivial observations; Swarm's items are whole events, so the default threshold is lower (about five notable events).
/// </summary>
public sealed record ReflectionOptions
{
    /// <summary>Reflect once the importance remembered since the last reflection reaches this.</summary>
    public int Threshold { get; init; } = 30;

    /// <summary>At most this many items are offered as evidence.</summary>
    public int MaxEvidence { get; init; } = 12;

    /// <summary>At most this many reflections are kept from one writer answer.</summary>
    public int MaxReflections { get; init; } = 3;

    public static ReflectionOptions Default { get; } = new();
}
