namespace Swarm.Scenarios.Studies;

/// <summary>
/// <c>retrieval: {top_k?, recency?, importance?, relevance?, half_life_hours?}</c>: the <c>top_k</c> memories with the best
/// weighted sum of recency (halving every <c>half_life_hours</c> of world time), importance and relevance are recalled.
/// </summary>
public sealed record RetrievalSettings(int TopK, double Recency, double Importance, double Relevance, double HalfLifeHours)
{
    public static readonly RetrievalSettings Default = new(6, 1, 1, 1, 72);
}
