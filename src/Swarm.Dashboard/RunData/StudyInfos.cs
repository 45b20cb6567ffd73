using Swarm.Abstractions.Studies;
using Swarm.Abstractions.Tools;
using Swarm.Models;
using Swarm.Models.Sim;
using Swarm.Scenarios.Results.Studies;
using Swarm.Scenarios.Studies;

namespace Swarm.Dashboard.RunData;

/// <summary>The <c>study</c> block of study.json, built the same way by <c>swarm study</c> and the dashboard.</summary>
public static class StudyInfos
{
    /// <summary>The labels a study's rounds report: what its tasks measure (alignment faking is a pair property of paper runs).</summary>
    public static IReadOnlyList<string> Labels(Study study) =>
        [.. study.Tasks.SelectMany(t => t.Scenario.Measures).Where(l => l != BehaviorLabels.AlignmentFaking).Distinct().Order(StringComparer.Ordinal)];

    public static StudyInfo Of(Study study, StudyPlan plan, string version) =>
        new(study.Id, study.Title, study.File, plan.Seed, plan.Agents, plan.Rounds, plan.Sessions,
            [.. plan.Models.Concat(study.Population.Factions.Select(f => f.Model).OfType<string>()).Distinct()], Hypotheses(study, plan), Labels(study), version);

    /// <summary>
    /// The sim's hypotheses in force for each sim model of the study (empty for real models): the profile's memory
    /// hypotheses and the study's coordination hypotheses, or all zero under <c>--hypotheses zero</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Hypotheses(Study study, StudyPlan plan) =>
        plan.Models.Concat(study.Population.Factions.Select(f => f.Model).OfType<string>()).Distinct()
            .Where(m => ModelSpec.Parse(m).Provider == "sim")
            .ToDictionary(m => m, m => plan.Hypotheses is { } zero
                ? (IReadOnlyDictionary<string, double>)zero
                : SimProfileCatalog.Get(ModelSpec.Parse(m).Name).Hypotheses.All.ToDictionary(h => h.Name, h => h.Value)
                    .Concat(study.Coordination.ByName).ToDictionary());
}
