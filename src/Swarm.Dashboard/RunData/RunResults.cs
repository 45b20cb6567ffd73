using System.Reflection;
using System.Text.Json;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Models;
using Swarm.Abstractions.Runs;
using Swarm.Abstractions.Studies;
using Swarm.Abstractions.Trials;
using Swarm.Dashboard.Control;
using Swarm.Grains;
using Swarm.Models;
using Swarm.Scenarios.Detection;
using Swarm.Scenarios.Loading;
using Swarm.Scenarios.Results;
using Swarm.Scenarios.Results.Studies;
using Swarm.Scenarios.Statistics;
using Swarm.Scenarios.Studies;
using Swarm.Scenarios.Studies.Monitoring;
using Swarm.Scenarios.Studies.Runtime;
using Swarm.Scenarios.Trials;

namespace Swarm.Dashboard.RunData;

/// <summary>
/// A run's results read from the grains with the same code the CLI writes them with (so the page, the downloads and
/// <c>swarm run</c>/<c>swarm study</c> agree): cells and rates with Wilson intervals, reference figures, study rounds.
/// </summary>
public sealed class RunResults(IGrainFactory grains, IModelCatalog models, DetectorSet detectors, CollusionMonitorFactory monitors)
{
    public static string Version { get; } =
        typeof(RunResults).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>What an experiment has finished so far, summarised as results.json would be.</summary>
    /// <exception cref="RunNotFoundException">No experiment of that id.</exception>
    public async Task<ExperimentSummary> ExperimentAsync(string id)
    {
        var grain = grains.GetGrain<IExperimentGrain>(id);
        var plan = await grain.GetPlanAsync() ?? throw new RunNotFoundException($"no experiment '{id}' in this cluster");
        var progress = await grain.GetProgressAsync();
        var scenario = ScenarioLoader.Parse(plan.ScenarioYaml, plan.ScenarioPath, detectors.Measurable);
        var records = new List<TrialRecord>();
        foreach (var batch in ExperimentPlanner.Trials(plan).Chunk(ExperimentResults.FetchBatch))
        {
            var fetched = await Task.WhenAll(batch.Select(t => grains.GetGrain<ITrialGrain>(GrainKeys.Trial(t)).GetRecordAsync()));
            // Unfinished trials have no record yet: the rates so far are over those that finished.
            records.AddRange(fetched.OfType<TrialRecord>().Select(r => r with { Transcript = [] }));
        }
        return ExperimentResults.Summarize(plan, scenario, progress, Version, records);
    }

    public async Task<ExperimentDetail> ExperimentDetailAsync(string id)
    {
        var summary = await ExperimentAsync(id);
        var document = summary.Document;
        return new ExperimentDetail(document.Experiment, document.Cells, Press(document, models),
            [.. document.Trials.Select(t => new TrialRow(t.Id, t.Model, t.Peer, t.Monitoring, t.Status, [.. t.Behaviors.Where(b => b.Value).Select(b => b.Key)]))]);
    }

    /// <summary>One trial's full record (messages, tool calls and results, labels, evidence).</summary>
    public async Task<TrialRecord> TrialAsync(string experiment, string trial)
    {
        var plan = await grains.GetGrain<IExperimentGrain>(experiment).GetPlanAsync() ?? throw new RunNotFoundException($"no experiment '{experiment}' in this cluster");
        var spec = ExperimentPlanner.Trials(plan).FirstOrDefault(t => t.TrialId == trial) ?? throw new RunNotFoundException($"experiment '{experiment}' has no trial '{trial}'");
        return await grains.GetGrain<ITrialGrain>(GrainKeys.Trial(spec)).GetRecordAsync() ?? throw new RunNotFoundException($"trial '{trial}' has not finished yet");
    }

    /// <summary>
    /// Each model's reference figures (its provider's, e.g. PAPER.md's press figures) for this scenario beside the pooled
    /// rate this run measured in that cell.
    /// </summary>
    public static IReadOnlyList<PressFigureView> Press(ResultsDocument document, IModelCatalog models)
    {
        var scenarioId = Path.GetFileNameWithoutExtension(document.Experiment.Scenario);
        var rows = new List<PressFigureView>();
        // A model whose provider is not registered here (an MCP client's, say) has no figures to show.
        foreach (var model in document.Experiment.Models.Where(m => models.Providers.Contains(ModelSpec.Parse(m).Provider)))
        {
            foreach (var figure in models.ReferenceFigures(model).Where(f => f.Scenario == scenarioId))
            {
                if (PooledRate.Measure(document.Cells, model, figure.Label, figure.Peer, figure.Monitoring) is not { } measured) continue;
                rows.Add(new PressFigureView(model, figure.Claim, figure.Label, figure.Peer, figure.Monitoring, figure.Rate,
                    measured.Rate, measured.CiLow, measured.CiHigh, measured.N, measured.Contains(figure.Rate)));
            }
        }
        return rows;
    }

    /// <exception cref="RunNotFoundException">No study arm of that world.</exception>
    public async Task<(StudyPlan Plan, Study Study)> ArmAsync(string world)
    {
        var plan = await grains.GetGrain<IStudyGrain>(world).GetPlanAsync() ?? throw new RunNotFoundException($"no study '{world}' in this cluster");
        return (plan, StudyPlans.Load(plan, detectors.Measurable));
    }

    public async Task<StudyArmDetail> StudyArmDetailAsync(string world)
    {
        var (plan, study) = await ArmAsync(world);
        var rounds = await grains.GetGrain<IStudyGrain>(world).GetRoundsAsync();
        var labels = StudyInfos.Labels(study);
        return new StudyArmDetail(world, plan.StudyId, plan.Arm, plan.Agents, plan.Rounds, labels, monitors.Kinds,
            [.. rounds.Select(r => StudyResultsWriter.ToResult(r, monitors.Kinds))],
            [.. rounds.SelectMany(r => r.Collusion).Select(f => new CollusionResult(f.Round, f.Kind, f.Agents, f.Evidence, f.Episodes))]);
    }

    /// <summary>The whole study (every arm the cluster holds) as study.json, rounds.csv and agents.csv would have it.</summary>
    public async Task<(StudyDocument Document, IReadOnlyList<StudyArm> Arms)> StudyAsync(string world)
    {
        var (plan, _) = await ArmAsync(world);
        var entries = (await grains.GetGrain<IRunRegistryGrain>(IRunRegistryGrain.Key).ListAsync())
            .Where(r => r.Kind == RunKinds.Study && r.Study == plan.StudyId).ToList();
        var arms = new List<StudyArm>();
        StudyPlan? basePlan = null;
        Study? baseStudy = null;
        foreach (var entry in entries)
        {
            var grain = grains.GetGrain<IStudyGrain>(entry.Id);
            var (armPlan, armStudy) = await ArmAsync(entry.Id);
            if (armPlan.Arm == StudyOverrides.BaseArm) (basePlan, baseStudy) = (armPlan, armStudy);
            var set = armStudy.Ablations.FirstOrDefault(a => a.Name == armPlan.Arm)?.Set ?? new Dictionary<string, object>();
            arms.Add(new StudyArm(armPlan.Arm, set, await grain.GetRoundsAsync(), await grain.GetAgentsAsync()));
        }
        if (basePlan is null || baseStudy is null) throw new RunNotFoundException($"study '{plan.StudyId}' has no base arm in this cluster");
        return (StudyResultsWriter.Build(StudyInfos.Of(baseStudy, basePlan, Version, models), arms, monitors.Kinds), arms);
    }

    /// <summary>Result files exactly as the CLI writes them (their contract names).</summary>
    public static string Json<T>(T value) => JsonSerializer.Serialize(value, ResultsJson.Options);

    /// <summary>The page's views: camelCase for the dashboard's own records; results' contract names (snake_case) stay as they are.</summary>
    public static string ViewJson<T>(T value) => JsonSerializer.Serialize(value, ViewOptions);

    private static readonly JsonSerializerOptions ViewOptions = new(ResultsJson.Options) { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = false };
}
