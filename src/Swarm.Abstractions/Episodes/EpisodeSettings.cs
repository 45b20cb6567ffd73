using Orleans;

namespace Swarm.Abstractions.Episodes;

/// <summary>
/// A study's settings for the calibrated policies' explicit hypotheses: assumptions to explore, never findings. A real
/// model ignores them.
/// </summary>
/// <param name="Hypotheses">Memory hypotheses by name, overriding a profile's own (null: the profile's).</param>
/// <param name="Coordination">Coordination hypotheses by name (null: none).</param>
/// <param name="Betrayal">The chance, 0–1, that the agent takes sole credit in a collaboration.</param>
[Immutable]
public sealed record EpisodeSettings(IReadOnlyDictionary<string, double>? Hypotheses, IReadOnlyDictionary<string, double>? Coordination, double Betrayal)
{
    /// <summary>A paper trial's: the profiles' own hypotheses, no coordination, no betrayal.</summary>
    public static EpisodeSettings None { get; } = new(null, null, 0);
}
