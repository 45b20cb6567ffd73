namespace Swarm.Models.Gates;

/// <summary>The allowed concurrency moved from <paramref name="From"/> to <paramref name="To"/>.</summary>
public readonly record struct LimitChange(int From, int To)
{
    public bool Lowered => To < From;
}
