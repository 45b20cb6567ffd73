namespace Swarm.Models.Middleware;

/// <summary>
/// What the model path went through during one episode (retries, their reasons, cache hits). Carried by an
/// AsyncLocal rather than in ChatOptions, so it never perturbs the response-cache key.
/// </summary>
public sealed class CallStats
{
    private static readonly AsyncLocal<CallStats?> Ambient = new();
    private readonly List<string> _faults = [];
    private int _retries;
    private int _cacheHits;

    public static CallStats? Current => Ambient.Value;

    public int Retries => _retries;
    public int CacheHits => _cacheHits;
    public IReadOnlyList<string> Faults { get { lock (_faults) return [.. _faults]; } }

    public static CallStats Begin() => Ambient.Value = new CallStats();

    public void RecordRetry(string reason)
    {
        Interlocked.Increment(ref _retries);
        lock (_faults) _faults.Add(reason);
    }

    public void RecordCacheHit() => Interlocked.Increment(ref _cacheHits);
}
