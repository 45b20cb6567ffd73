using System.Text.Json.Serialization;

namespace Swarm.Abstractions.Live;

/// <summary>What a pulse tells a watcher: progress inside a round or a batch of trials, a round committed, a status change, a shutdown.</summary>
public enum RunEvent
{
    [JsonStringEnumMemberName("progress")]
    Progress,

    [JsonStringEnumMemberName("round")]
    Round,

    [JsonStringEnumMemberName("status")]
    Status,

    [JsonStringEnumMemberName("shutdown")]
    Shutdown,
}
