using Swarm.Abstractions.Studies;
using Swarm.Abstractions.Tools;
using Swarm.Abstractions.Models;
using Swarm.Models;
using Swarm.Scenarios.Results.Studies;
using Swarm.Scenarios.Studies;

namespace Swarm.Application.Results;

/// <summary>The <c>study</c> block of study.json, built the same way by <c>swarm study</c> and the dashboard.</summary>
public static class StudyInfos
{
    /// <summary>The labels a study's rounds report: what its tasks measure (alignment faking is a pair property of paper runs).</summary>
    public static IReadOnlyList<string> Labels(Study study) =>
        [.. study.Tasks.SelectMany(t => t.Scenario.Measures).Where(l => l != BehaviorLabels.AlignmentFaking).Distinct().Order(StringComparer.Ordinal)];

    public static StudyInfo Of(Study study, StudyPlan plan, string version, IModelCatalog models) =>
        new(study.Id, study.Title, study.File, plan.Seed, plan.Agents, plan.Rounds, plan.Sessions,
            [.. plan.Models.Concat(study.Population.Factions.Select(f => f.Model).OfType<string>()).Distinct()], Hypotheses(study, plan, models), Labels(study),
            version);

    /// <summary>
    /// The hypotheses in force for each model of the study that acts on hypotheses (none for real models): its
    /// provider's (a profile's memory hypotheses) and the study's coordination hypotheses, or all zero under
    /// <c>--hypotheses zero</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Hypotheses(Study study, StudyPlan plan, IModelCatalog models) =>
        plan.Models.Concat(study.Population.Factions.Select(f => f.Model).OfType<string>()).Distinct()
            // A model of a provider not registered here (a plug-in of the silos that ran the study) shows none.
            .Where(m => models.Providers.Contains(ModelSpec.Parse(m).Provider))
            .Select(m => (Model: m, Own: models.Hypotheses(m)))
            .Where(m => m.Own is not null)
            .ToDictionary(m => m.Model, m => plan.Hypotheses is { } zero
                ? (IReadOnlyDictionary<string, double>)zero
                : m.Own!.Concat(study.Coordination.ByName).ToDictionary());
}
