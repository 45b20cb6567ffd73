using System.Text.Json.Serialization;

namespace Swarm.Scenarios.Results.Studies;

/// <summary>One side of a difference: how often a label was seen among the episodes that measure it.</summary>
public sealed record CountResult(
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("n")] int N);
