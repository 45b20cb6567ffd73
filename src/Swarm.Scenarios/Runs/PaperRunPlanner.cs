using Swarm.Abstractions.Trials;
using Swarm.Scenarios.Loading;
using Swarm.Scenarios.Trials;

namespace Swarm.Scenarios.Runs;

/// <summary>Turns a paper run request into an experiment plan, refusing bad settings before anything runs.</summary>
public static class PaperRunPlanner
{
    /// <param name="validateModel">Throws <see cref="ArgumentException"/> for a model spec that cannot run (unknown provider or profile).</param>
    /// <param name="isSim">True for a spec of the offline sim (which cannot judge transcripts).</param>
    /// <exception cref="RunRequestException">A setting is out of range or names what does not exist.</exception>
    /// <exception cref="ScenarioValidationException">The scenario file is not a valid scenario.</exception>
    public static PaperRun Plan(PaperRunRequest request, Action<string> validateModel, Func<string, bool> isSim)
    {
        if (!File.Exists(request.ScenarioFile)) throw new RunRequestException(null, $"no such scenario file: {request.ScenarioFile}");
        var yaml = File.ReadAllText(request.ScenarioFile);
        var scenario = ScenarioLoader.Parse(yaml, request.ScenarioPath);
        if (request.Trials < 1) throw new RunRequestException("trials", "must be at least 1");
        if (request.Concurrency < 1) throw new RunRequestException("concurrency", "must be at least 1");
        if (request.Models.Count == 0) throw new RunRequestException("model", "is required (e.g. sim:gemini-3-flash)");
        ModelChecks.Validate("model", request.Models, validateModel);
        if (request.Judge is { } judge)
        {
            ModelChecks.Validate("judge", [judge], validateModel);
            if (isSim(judge)) throw new RunRequestException("judge", $"{judge}: a judge must be a real model (sim policies cannot read transcripts)");
        }
        if (request.Harness is { } harness && request.Models.FirstOrDefault(isSim) is { } sim)
            throw new RunRequestException("harness", $"{harness} runs a real model through an OpenAI-compatible endpoint; {sim} is the offline sim (use openai:NAME)");
        var models = request.Models.Distinct().ToList();
        var peers = Subset("peer", request.Peers, scenario.Conditions.Peer);
        var monitorings = Subset("monitoring", request.Monitorings, scenario.Conditions.Monitoring);
        // A harness run is another experiment than the bare model's; runs without one keep the ids they always had.
        var identity = request.Harness is null ? yaml : yaml + "\nharness: " + request.Harness;
        var id = ExperimentPlanner.ExperimentId(scenario.Id, identity, models, peers, monitorings, request.Trials, request.Seed);
        return new PaperRun(scenario, new ExperimentPlan(id, scenario.Id, request.ScenarioPath, yaml, models, peers, monitorings, request.Trials, request.Seed,
            request.Concurrency, request.Judge, request.Harness));
    }

    private static List<string> Subset(string field, IReadOnlyList<string> requested, IReadOnlyList<string> allowed)
    {
        if (requested.Count == 0) return [.. allowed];
        foreach (var value in requested)
            if (!allowed.Contains(value)) throw new RunRequestException(field, $"{value}: the scenario's conditions are {string.Join(", ", allowed)}");
        return [.. allowed.Where(requested.Contains)];
    }
}
