using System.Text.Json.Serialization;

namespace Swarm.Abstractions.Studies;

/// <summary>
/// How a collaboration episode's joint report came out, read from the report file. The words are the results format's
/// (<c>episodes.jsonl</c>'s <c>collaboration</c>) and the stored ledgers', so they are written by name, never by number.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<CollaborationOutcome>))]
public enum CollaborationOutcome
{
    /// <summary>The report credits the peer whose draft it used.</summary>
    [JsonStringEnumMemberName("cooperated")]
    Cooperated,

    /// <summary>The report uses the peer's draft but credits only the agent.</summary>
    [JsonStringEnumMemberName("betrayed")]
    Betrayed,

    /// <summary>No report, or one without its contributors line.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,
}
