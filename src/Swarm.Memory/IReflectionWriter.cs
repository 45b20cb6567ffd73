using Swarm.Abstractions.Memory;

namespace Swarm.Memory;

/// <summary>Turns a handful of memories into 1–3 higher-level beliefs. May return none; the policy copes.</summary>
public interface IReflectionWriter
{
    Task<IReadOnlyList<ReflectionDraft>> WriteAsync(
        string self, IReadOnlyList<MemoryItem> evidence, IReadOnlyList<RelationshipRecord> relationships, CancellationToken cancellationToken = default);
}
