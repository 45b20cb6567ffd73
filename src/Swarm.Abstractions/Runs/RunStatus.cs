using System.Text.Json.Serialization;

namespace Swarm.Abstractions.Runs;

/// <summary>
/// Where a run stands, the same for paper experiments and study arms. Stored as a number in grain state: the numbering
/// is the one study arms always stored, so keep it. Front ends show the lower-case names (the control API's JSON).
/// </summary>
public enum RunStatus
{
    [JsonStringEnumMemberName("notstarted")]
    NotStarted = 0,

    [JsonStringEnumMemberName("running")]
    Running = 1,

    /// <summary>Stopped by a researcher (Ctrl-C, the dashboard), or between a study's sessions; stays so, also on a cluster, until resumed.</summary>
    [JsonStringEnumMemberName("paused")]
    Paused = 2,

    [JsonStringEnumMemberName("finished")]
    Finished = 3,

    /// <summary>Stopped for good: what finished is kept, and it never runs again.</summary>
    [JsonStringEnumMemberName("cancelled")]
    Cancelled = 4,

    /// <summary>Its work failed (not a cluster fault, which is run again): the reason is in <see cref="RunProgress.Fault"/>; a resume tries again.</summary>
    [JsonStringEnumMemberName("faulted")]
    Faulted = 5,
}
