namespace Swarm.Grains.Audit;

/// <summary>A grain-state holder for state the grain names at run time (an audit segment) instead of declaring.</summary>
internal sealed class StoredState<T> : IGrainState<T> where T : new()
{
    [System.Diagnostics.CodeAnalysis.AllowNull]
    public T State { get; set; } = new();
    public string? ETag { get; set; }
    public bool RecordExists { get; set; }
}
