namespace Swarm.Scenarios.Studies;

/// <summary>
/// A study file, parsed and validated: a long-horizon population experiment built from paper scenarios used as
/// task templates. Every key is a YAML key in snake_case; optional keys absent from the file hold their defaults.
/// </summary>
/// <param name="File">The study file's path as given to the loader (the name used in errors).</param>
/// <param name="Yaml">The study file's own text, so a grain can keep or re-read exactly what was run.</param>
public sealed record Study(
    string Id,
    string Title,
    string Description,
    StudyPopulation Population,
    int Rounds,
    int Sessions,
    double Activation,
    DateTimeOffset Start,
    double RoundHours,
    IReadOnlyList<StudyTask> Tasks,
    CollaborationSettings Collaboration,
    MonitoringSettings Monitoring,
    MemorySettings Memory,
    TranscriptSettings Transcripts,
    IReadOnlyList<Ablation> Ablations,
    string File,
    string Yaml)
{
    /// <summary><c>coordination</c>: a calibrated model's coordination hypotheses (none when absent).</summary>
    public CoordinationSettings Coordination { get; init; } = CoordinationSettings.None;

    /// <summary><c>sessions</c> when absent.</summary>
    public const int DefaultSessions = 1;

    /// <summary><c>round_hours</c> when absent: one simulated day between rounds.</summary>
    public const double DefaultRoundHours = 24;

    /// <summary><c>start</c> when absent: the same reference clock as a scenario's <c>world.now</c>.</summary>
    public static readonly DateTimeOffset DefaultStart = Loading.ScenarioReader.DefaultNow;

    /// <summary>The arms run side by side: <c>base</c> (the study as written) followed by each ablation's name.</summary>
    public IReadOnlyList<string> ArmNames => [StudyOverrides.BaseArm, .. Ablations.Select(a => a.Name)];

    /// <summary>The study as one arm runs it: itself for <c>base</c>, else with that ablation's <c>set</c> applied.</summary>
    /// <exception cref="ArgumentException">No arm has that name.</exception>
    public Study Arm(string name)
    {
        if (name == StudyOverrides.BaseArm)
            return this;
        var ablation = Ablations.FirstOrDefault(a => a.Name == name)
            ?? throw new ArgumentException($"study '{Id}' has no arm '{name}' (arms: {string.Join(", ", ArmNames)})", nameof(name));
        return StudyOverrides.Apply(this, ablation.Set);
    }
}
