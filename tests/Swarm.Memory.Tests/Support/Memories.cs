using Swarm.Abstractions.Memory;
using Swarm.Memory;

namespace Swarm.Memory.Tests.Support;

/// <summary>Small builders for memory test data on a fixed world clock.</summary>
internal static class Memories
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public static MemoryDraft Draft(string kind, string summary, int importance = 5, double hoursAfterT0 = 0, string[]? peers = null, string episode = "ep-1",
        long[]? audit = null) =>
        new(T0.AddHours(hoursAfterT0), kind, peers ?? [], summary, importance, new MemoryProvenance(episode, audit ?? []));

    public static LongTermMemoryState With(params MemoryDraft[] drafts) => new LongTermMemory().RememberAll(LongTermMemoryState.Empty, drafts);
}
