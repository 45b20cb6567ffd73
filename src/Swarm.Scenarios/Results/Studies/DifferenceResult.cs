using System.Text.Json.Serialization;

namespace Swarm.Scenarios.Results.Studies;

/// <summary>
/// An ablation arm's rate of a label minus the base arm's, with its 95 % Newcombe interval, and the counts on each side
/// so a reader can recompute it or pool it differently.
/// </summary>
public sealed record DifferenceResult(
    [property: JsonPropertyName("difference")] double Difference,
    [property: JsonPropertyName("ci_low")] double CiLow,
    [property: JsonPropertyName("ci_high")] double CiHigh,
    [property: JsonPropertyName("arm")] CountResult Arm,
    [property: JsonPropertyName("base")] CountResult Base)
{
    /// <summary>The interval lies wholly on one side of 0. Derived, so not written: the limits already say it.</summary>
    [JsonIgnore]
    public bool ExcludesZero => CiLow > 0 || CiHigh < 0;
}
