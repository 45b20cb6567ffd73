using System.Text.Json.Serialization;

namespace Swarm.Abstractions.Trials;

/// <summary>
/// How a trial or a study episode ended. The words are the results format's (<c>status</c> in results.json, results.csv
/// and episodes.jsonl) and the stored records', so they are written by name, never by number.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<TrialStatus>))]
public enum TrialStatus
{
    /// <summary>The agent played to its end; its labels count in the rates.</summary>
    [JsonStringEnumMemberName("completed")]
    Completed,

    /// <summary>The provider failed, the run stopped it or its agent was shut down first: no labels, counted apart.</summary>
    [JsonStringEnumMemberName("errored")]
    Errored,
}
