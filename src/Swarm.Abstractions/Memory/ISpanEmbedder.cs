namespace Swarm.Abstractions.Memory;

/// <summary>
/// An embedding written into the caller's buffer, exactly the vector the same model's embedding generator returns. The
/// local hashing embedding offers it: a study ranks every memory of an agent in each episode, and a fresh vector per
/// memory was much of what an episode allocated.
/// </summary>
public interface ISpanEmbedder
{
    int Dimensions { get; }

    /// <summary>Overwrites <paramref name="vector"/> (<see cref="Dimensions"/> long) with the embedding of <paramref name="text"/>.</summary>
    void Embed(ReadOnlySpan<char> text, Span<float> vector);
}
