using Swarm.Abstractions.Studies;

namespace Swarm.Scenarios.Studies.Execution;

/// <summary>Every episode of one round recorded as it finished, whole (with its audit trail), in segments of a fixed size.</summary>
public interface IRoundLedger
{
    /// <summary>Records per segment.</summary>
    int SegmentSize { get; }

    /// <summary>How many records the open segment still takes: a batch of this many (plus whole segments) writes each segment once.</summary>
    int Room { get; }

    Task<IReadOnlyList<StudyEpisodeRecord>> ReadAllAsync();

    /// <summary>Appends records and returns once they are durable.</summary>
    Task AppendAsync(IReadOnlyList<StudyEpisodeRecord> records);
}
