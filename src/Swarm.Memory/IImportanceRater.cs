namespace Swarm.Memory;

/// <summary>Rates new memories 1–10, a batch at a time (one model call per batch, not per item).</summary>
public interface IImportanceRater
{
    /// <returns>One rating in [1, 10] per draft, in order.</returns>
    Task<int[]> RateAsync(IReadOnlyList<MemoryDraft> drafts, CancellationToken cancellationToken = default);
}
