using Orleans;
namespace Swarm.Abstractions.Studies;

/// <summary>
/// One arm of a study as its grain runs it. The study and its task scenarios travel as text so any silo can rebuild
/// them; the CLI's flags (agents, rounds, seed, models) are folded in here.
/// </summary>
/// <param name="World">The world scope: the study id for the base arm, <c>{id}~{arm}</c> for an ablation arm. Agents are
/// <c>agent/{World}/{name}</c>.</param>
/// <param name="TaskTexts">Task scenario texts keyed by the resolved path the study file names.</param>
/// <param name="Models">Model specs for agents whose faction names none; agents take them in turn.</param>
/// <param name="Hypotheses">Overrides of the calibrated profiles' memory and coordination hypotheses by name (null: the profiles' and
/// the study's own).</param>
[Immutable]
public sealed record StudyPlan(
    string World,
    string StudyId,
    string Arm,
    string StudyFile,
    string StudyYaml,
    IReadOnlyDictionary<string, string> TaskTexts,
    long Seed,
    int Agents,
    int Rounds,
    int Sessions,
    IReadOnlyList<string> Models,
    bool AllTranscripts,
    int Concurrency,
    IReadOnlyDictionary<string, double>? Hypotheses = null)
{
    /// <summary>What must match for a stored study to be resumed rather than refused.</summary>
    public string Fingerprint => $"{StudyId}|{Arm}|{Seed}|{Agents}|{string.Join(",", Models)}|{Stable(StudyYaml)}";

    private static string Stable(string text) => StableRandom.Hash(text).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
}
