using Swarm.Abstractions.Models;
using Swarm.Scenarios.Loading;
using Swarm.Scenarios.Studies;
using Swarm.Scenarios.Studies.Runtime;

namespace Swarm.Application.Planning;

/// <summary>Turns a study request into one plan per arm, refusing bad settings before anything runs.</summary>
public static class StudyRunPlanner
{
    /// <param name="models">The registered model providers: they check each spec, and give the plan's model when none is named
    /// (<see cref="IModelCatalog.DefaultModel"/>).</param>
    /// <param name="measurable">The labels task scenarios may measure: the registered detectors' (<c>DetectorSet.Measurable</c>).</param>
    /// <exception cref="RunRequestException">A setting is out of range or names what does not exist.</exception>
    /// <exception cref="ScenarioValidationException">The study or one of its task scenarios is not valid.</exception>
    public static StudyRun Plan(StudyRunRequest request, IModelCatalog models, IReadOnlyList<string> measurable)
    {
        if (!File.Exists(request.StudyFile)) throw new RunRequestException(null, $"no such study file: {request.StudyFile}");
        var study = StudyLoader.LoadFile(request.StudyFile, measurable);
        var agents = request.Agents ?? study.Population.Agents;
        var rounds = request.Rounds ?? study.Rounds;
        var sessions = request.Sessions ?? study.Sessions;
        if (agents < 2) throw new RunRequestException("agents", "must be at least 2");
        if (rounds < 1) throw new RunRequestException("rounds", "must be at least 1");
        if (sessions < 1 || sessions > rounds) throw new RunRequestException("sessions", $"must be between 1 and the number of rounds ({rounds})");
        if (request.Concurrency < 1) throw new RunRequestException("concurrency", "must be at least 1");
        var unmodelled = study.Population.Factions.Where(f => f.Model is null).Select(f => f.Name).ToList();
        if (unmodelled.Count > 0 && request.Models.Count == 0)
            throw new RunRequestException(null, $"{study.File}: factions {string.Join(", ", unmodelled)} name no model; give one with --model" +
                (models.DefaultModel is { } example ? $" (e.g. --model {example})" : ""));
        var named = request.Models.Distinct().ToList();
        ModelChecks.Validate("model", named.Concat(study.Population.Factions.Select(f => f.Model).OfType<string>()).Distinct(), models.Validate);
        // Every faction names its model: the plan still carries one for agents without (the registered default).
        var planned = named.Count > 0 ? named
            : models.DefaultModel is { } fallback ? [fallback]
            : throw new RunRequestException("model", "is required: no registered model provider offers a default model");
        var arms = StudyPlans.ForArms(study, request.Seed, agents, rounds, sessions, planned,
            request.AllTranscripts, request.Concurrency, request.Hypotheses);
        return new StudyRun(study, agents, rounds, sessions, arms);
    }
}
