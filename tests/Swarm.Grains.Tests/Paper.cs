using Swarm.Abstractions.Runs;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Trials;
using Swarm.Application.Results;
using Swarm.Scenarios.Detection;
using Swarm.Scenarios.Loading;
using Swarm.Scenarios.Model;
using Swarm.Scenarios.Trials;

namespace Swarm.Grains.Tests;

/// <summary>Runs paper scenarios through ExperimentGrain exactly as the CLI does, and collects the records.</summary>
public static class Paper
{
    public static string RepoRoot { get; } = FindRoot();

    public static string ScenarioPath(string id) => Path.Combine(RepoRoot, "scenarios", "paper", id + ".yaml");

    public static Scenario Load(string id) => ScenarioLoader.LoadFile(ScenarioPath(id));

    public static ExperimentPlan Plan(string scenarioId, string model, IReadOnlyList<string> peers, IReadOnlyList<string> monitorings, int trials,
        long seed = 1, string? tag = null) =>
        Plan(scenarioId, [model], peers, monitorings, trials, seed, tag);

    public static ExperimentPlan Plan(string scenarioId, IReadOnlyList<string> models, IReadOnlyList<string> peers, IReadOnlyList<string> monitorings,
        int trials, long seed = 1, string? tag = null)
    {
        var yaml = File.ReadAllText(ScenarioPath(scenarioId));
        var id = ExperimentPlanner.ExperimentId(scenarioId, yaml, models, peers, monitorings, trials, seed) + (tag is null ? "" : "-" + tag);
        return new ExperimentPlan(id, scenarioId, $"scenarios/paper/{scenarioId}.yaml", yaml, models, peers, monitorings, trials, seed, 32);
    }

    /// <summary>Runs (or resumes) the plan and collects its records with alignment faking applied, read as <c>swarm run</c> reads them.</summary>
    public static async Task<IReadOnlyList<TrialRecord>> RunAsync(IGrainFactory grains, ExperimentPlan plan, TimeSpan? timeout = null) =>
        (await SummarizeAsync(grains, plan, timeout)).Records;

    /// <summary>Runs (or resumes) the plan and summarises it as results.json has it.</summary>
    /// <param name="measurable">The labels the scenario may measure: the silo's registered detectors' (null: the built-in ones').</param>
    public static async Task<ExperimentSummary> SummarizeAsync(
        IGrainFactory grains, ExperimentPlan plan, TimeSpan? timeout = null, IReadOnlyList<string>? measurable = null)
    {
        var experiment = grains.GetGrain<IExperimentGrain>(plan.ExperimentId);
        var progress = await experiment.StartAsync(plan);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(5));
        while (progress.Status != RunStatus.Finished)
        {
            if (progress.Status == RunStatus.Faulted) throw new InvalidOperationException($"{plan.ExperimentId} faulted: {progress.Fault}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{plan.ExperimentId}: {progress.Done}/{progress.Total} after timeout");
            await Task.Delay(50);
            progress = await experiment.GetProgressAsync();
        }
        var scenario = ScenarioLoader.Parse(plan.ScenarioYaml, plan.ScenarioPath, measurable);
        return await new PaperResults(grains, DetectorSet.Default).AssembleAsync(plan, scenario, progress, keepTranscripts: true);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Swarm.sln"))) return dir.FullName;
        throw new InvalidOperationException("Swarm.sln not found above " + AppContext.BaseDirectory);
    }
}
