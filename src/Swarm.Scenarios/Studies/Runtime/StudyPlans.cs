using Swarm.Abstractions.Studies;

namespace Swarm.Scenarios.Studies.Runtime;

/// <summary>Turns a study file and the CLI's flags into one plan per arm, and a plan back into the study it runs.</summary>
public static class StudyPlans
{
    /// <summary>The world scope of an arm: the study id for the base arm, <c>{id}~{arm}</c> for an ablation.</summary>
    public static string World(string studyId, string arm) => arm == StudyOverrides.BaseArm ? studyId : $"{studyId}~{arm}";

    /// <summary>The study as the plan runs it (its arm, with the plan's agent count and rounds), rebuilt from text alone.</summary>
    /// <param name="measurable">The labels its tasks may measure: the registered detectors' (null: the built-in ones').</param>
    public static Study Load(StudyPlan plan, IReadOnlyList<string>? measurable = null)
    {
        var study = StudyLoader.Parse(plan.StudyYaml, plan.StudyFile, path => plan.TaskTexts.GetValueOrDefault(path), measurable).Arm(plan.Arm);
        return study with { Rounds = plan.Rounds, Sessions = plan.Sessions, Population = study.Population with { Agents = plan.Agents } };
    }

    public static IReadOnlyList<StudyPlan> ForArms(Study study, long seed, int agents, int rounds, int sessions, IReadOnlyList<string> models,
        bool allTranscripts, int concurrency, IReadOnlyDictionary<string, double>? hypotheses) =>
        [.. study.ArmNames.Select(arm => new StudyPlan(
            World(study.Id, arm), study.Id, arm, Path.GetFullPath(study.File), study.Yaml,
            study.Tasks.ToDictionary(t => t.Path, t => t.Yaml, StringComparer.Ordinal),
            seed, agents, rounds, sessions, models, allTranscripts, concurrency, hypotheses))];

    /// <summary>The last round of session <paramref name="session"/> (1-based) when <paramref name="rounds"/> are split into <paramref
    /// name="sessions"/>.</summary>
    public static int SessionEnd(int rounds, int sessions, int session) => (int)Math.Ceiling(rounds * (double)session / sessions);

}
