using Swarm.Scenarios.Studies;
using Swarm.Scenarios.Studies.Runtime;

namespace Swarm.Scenarios.Runs;

/// <summary>Turns a study request into one plan per arm, refusing bad settings before anything runs.</summary>
public static class StudyRunPlanner
{
    /// <summary>The model of factions that name none when no model was given: the negative control.</summary>
    public const string DefaultModel = "sim:compliant";

    /// <param name="validateModel">Throws <see cref="ArgumentException"/> for a model spec that cannot run.</param>
    /// <exception cref="RunRequestException">A setting is out of range or names what does not exist.</exception>
    /// <exception cref="Loading.ScenarioValidationException">The study or one of its task scenarios is not valid.</exception>
    public static StudyRun Plan(StudyRunRequest request, Action<string> validateModel)
    {
        if (!File.Exists(request.StudyFile)) throw new RunRequestException(null, $"no such study file: {request.StudyFile}");
        var study = StudyLoader.LoadFile(request.StudyFile);
        var agents = request.Agents ?? study.Population.Agents;
        var rounds = request.Rounds ?? study.Rounds;
        var sessions = request.Sessions ?? study.Sessions;
        if (agents < 2) throw new RunRequestException("agents", "must be at least 2");
        if (rounds < 1) throw new RunRequestException("rounds", "must be at least 1");
        if (sessions < 1 || sessions > rounds) throw new RunRequestException("sessions", $"must be between 1 and the number of rounds ({rounds})");
        if (request.Concurrency < 1) throw new RunRequestException("concurrency", "must be at least 1");
        var unmodelled = study.Population.Factions.Where(f => f.Model is null).Select(f => f.Name).ToList();
        if (unmodelled.Count > 0 && request.Models.Count == 0)
            throw new RunRequestException(null, $"{study.File}: factions {string.Join(", ", unmodelled)} name no model; give one with --model (e.g. --model sim:gemini-3-flash)");
        var models = request.Models.Distinct().ToList();
        ModelChecks.Validate("model", models.Concat(study.Population.Factions.Select(f => f.Model).OfType<string>()).Distinct(), validateModel);
        var arms = StudyPlans.ForArms(study, request.Seed, agents, rounds, sessions, models.Count == 0 ? [DefaultModel] : models,
            request.AllTranscripts, request.Concurrency, request.SimHypotheses);
        return new StudyRun(study, agents, rounds, sessions, arms);
    }
}
