namespace Swarm.Scenarios.Studies.Execution;

/// <summary>
/// Runs work for many items with at most <c>limit</c> in flight, on the calling grain's scheduler (unlike
/// Parallel.ForEachAsync, whose thread-pool bodies may not make grain calls).
/// </summary>
public static class Bounded
{
    public static async Task ForEachAsync<T>(IEnumerable<T> items, int limit, Func<T, Task> body)
    {
        var gate = new SemaphoreSlim(Math.Max(1, limit));
        var running = new List<Task>();
        foreach (var item in items)
        {
            await gate.WaitAsync();
            running.Add(Run(item));
        }
        await Task.WhenAll(running);

        async Task Run(T item)
        {
            try { await body(item); }
            finally { gate.Release(); }
        }
    }
}
