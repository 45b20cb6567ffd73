using Swarm.Abstractions.Models;
using Swarm.Abstractions.Trials;
using Swarm.Scenarios.Loading;
using Swarm.Scenarios.Trials;

namespace Swarm.Application.Planning;

/// <summary>Turns a paper run request into an experiment plan, refusing bad settings before anything runs.</summary>
public static class PaperRunPlanner
{
    /// <param name="models">The registered model providers, which check each spec and say what its model can do; null when the run's
    /// models are outside clients that Swarm does not call (<c>swarm mcp</c>).</param>
    /// <param name="measurable">The labels the scenario may measure: the registered detectors' (<c>DetectorSet.Measurable</c>).</param>
    /// <exception cref="RunRequestException">A setting is out of range or names what does not exist.</exception>
    /// <exception cref="ScenarioValidationException">The scenario file is not a valid scenario.</exception>
    public static PaperRun Plan(PaperRunRequest request, IModelCatalog? models, IReadOnlyList<string> measurable)
    {
        if (!File.Exists(request.ScenarioFile)) throw new RunRequestException(null, $"no such scenario file: {request.ScenarioFile}");
        var yaml = File.ReadAllText(request.ScenarioFile);
        var scenario = ScenarioLoader.Parse(yaml, request.ScenarioPath, measurable);
        if (request.Trials < 1) throw new RunRequestException("trials", "must be at least 1");
        if (request.Concurrency < 1) throw new RunRequestException("concurrency", "must be at least 1");
        if (request.Models.Count == 0)
            throw new RunRequestException("model", "is required" + (models?.DefaultModel is { } example ? $" (e.g. {example})" : ""));
        if (models is not null) CheckModels(request, models);
        var specs = request.Models.Distinct().ToList();
        var peers = Subset("peer", request.Peers, scenario.Conditions.Peer);
        var monitorings = Subset("monitoring", request.Monitorings, scenario.Conditions.Monitoring);
        // A harness run is another experiment than the bare model's; runs without one keep the ids they always had.
        var identity = request.Harness is null ? yaml : yaml + "\nharness: " + request.Harness;
        var id = ExperimentPlanner.ExperimentId(scenario.Id, identity, specs, peers, monitorings, request.Trials, request.Seed);
        return new PaperRun(scenario, new ExperimentPlan(id, scenario.Id, request.ScenarioPath, yaml, specs, peers, monitorings, request.Trials, request.Seed,
            request.Concurrency, request.Judge, request.Harness));
    }

    private static void CheckModels(PaperRunRequest request, IModelCatalog models)
    {
        ModelChecks.Validate("model", request.Models, models.Validate);
        if (request.Judge is { } judge)
        {
            ModelChecks.Validate("judge", [judge], models.Validate);
            if (!models.Traits(judge).CanJudge)
                throw new RunRequestException("judge", $"{judge}: this model cannot read transcripts; a judge must be a model that can (e.g. openai:NAME)");
        }
        if (request.Harness is { } harness && request.Models.FirstOrDefault(m => !models.Traits(m).OpenAiEndpoint) is { } offEndpoint)
            throw new RunRequestException("harness",
                $"{harness} runs a model through an OpenAI-compatible endpoint; {offEndpoint} is not served by one (use openai:NAME)");
    }

    private static List<string> Subset(string field, IReadOnlyList<string> requested, IReadOnlyList<string> allowed)
    {
        if (requested.Count == 0) return [.. allowed];
        foreach (var value in requested)
            if (!allowed.Contains(value)) throw new RunRequestException(field, $"{value}: the scenario's conditions are {string.Join(", ", allowed)}");
        return [.. allowed.Where(requested.Contains)];
    }
}
