using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Models;
using Swarm.Abstractions.Runs;
using Swarm.Abstractions.Studies;
using Swarm.Scenarios.Detection;
using Swarm.Scenarios.Results.Studies;
using Swarm.Scenarios.Studies;
using Swarm.Scenarios.Studies.Monitoring;
using Swarm.Scenarios.Studies.Runtime;

namespace Swarm.Application.Results;

/// <summary>
/// A study's results, read from its arms' grains: study.json's document (rounds with Wilson intervals, each ablation
/// arm's differences from the base arm, the meta-monitor's flags), and each arm's rounds and agents. <c>swarm study</c>,
/// the dashboard's pages and downloads, and the tests all read them here.
/// </summary>
public sealed class StudyResults(IGrainFactory grains, IModelCatalog models, DetectorSet detectors, CollusionMonitorFactory monitors)
{
    /// <summary>
    /// Every arm of a study, read in the order given (the base arm and its ablations, as the study lists them).
    /// <paramref name="onEpisode"/> sees each arm's sampled transcripts as they are read (to write them), with the arm's name.
    /// </summary>
    /// <param name="study">The study as planned: its id, file, ablations and hypotheses make study.json's <c>study</c> block.</param>
    /// <exception cref="RunNotFoundException">No base arm among <paramref name="arms"/>.</exception>
    public async Task<StudySummary> AssembleAsync(Study study, IReadOnlyList<StudyPlan> arms,
        Func<string, StudyEpisodeRecord, Task>? onEpisode = null, CancellationToken ct = default)
    {
        var basePlan = arms.FirstOrDefault(a => a.Arm == StudyOverrides.BaseArm)
            ?? throw new RunNotFoundException($"study '{study.Id}' has no base arm in this cluster");
        var read = new List<StudyArm>(arms.Count);
        foreach (var plan in arms)
        {
            ct.ThrowIfCancellationRequested();
            var grain = grains.GetGrain<IStudyGrain>(plan.World);
            var rounds = await grain.GetRoundsAsync();
            read.Add(new StudyArm(plan.Arm, study.Ablations.FirstOrDefault(a => a.Name == plan.Arm)?.Set ?? new Dictionary<string, object>(),
                rounds, await grain.GetAgentsAsync()));
            if (onEpisode is null) continue;
            foreach (var round in rounds)
                foreach (var episode in await grain.GetSampledAsync(round.Round))
                    await onEpisode(plan.Arm, episode);
        }
        var info = StudyInfos.Of(study, basePlan, SwarmVersion.Current, models);
        return new StudySummary(StudyResultsWriter.Build(info, read, monitors.Kinds), read);
    }

    /// <summary>The whole study an arm belongs to, every arm the cluster holds, in the study's order of arms.</summary>
    /// <param name="world">Any arm's world (the study id is the base arm's).</param>
    /// <exception cref="RunNotFoundException">No study arm of that world, or its study has no base arm here.</exception>
    public async Task<StudySummary> OfStudyAsync(string world)
    {
        var (plan, _) = await ArmAsync(world);
        var entries = (await grains.GetGrain<IRunRegistryGrain>(IRunRegistryGrain.Key).ListAsync())
            .Where(r => r.Kind == RunKinds.Study && r.Study == plan.StudyId).ToList();
        var plans = (await Task.WhenAll(entries.Select(e => grains.GetGrain<IStudyGrain>(e.Id).GetPlanAsync()))).OfType<StudyPlan>().ToList();
        var basePlan = plans.FirstOrDefault(p => p.Arm == StudyOverrides.BaseArm)
            ?? throw new RunNotFoundException($"study '{plan.StudyId}' has no base arm in this cluster");
        var study = StudyPlans.Load(basePlan, detectors.Measurable);
        // The registry lists arms as they registered (they start together); study.json lists them as the study does.
        var order = study.ArmNames.Select((arm, i) => (arm, i)).ToDictionary(x => x.arm, x => x.i, StringComparer.Ordinal);
        return await AssembleAsync(study, [.. plans.OrderBy(p => order.GetValueOrDefault(p.Arm, int.MaxValue)).ThenBy(p => p.Arm, StringComparer.Ordinal)]);
    }

    /// <summary>An arm's plan, and the study as that arm runs it.</summary>
    /// <exception cref="RunNotFoundException">No study arm of that world.</exception>
    public async Task<(StudyPlan Plan, Study Study)> ArmAsync(string world)
    {
        var plan = await grains.GetGrain<IStudyGrain>(world).GetPlanAsync() ?? throw new RunNotFoundException($"no study '{world}' in this cluster");
        return (plan, StudyPlans.Load(plan, detectors.Measurable));
    }
}
