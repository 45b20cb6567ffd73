using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Runs;
using Swarm.Abstractions.Trials;
using Swarm.Application.Results;
using Swarm.Application.Tests.Fakes;
using Swarm.Scenarios.Detection;
using Swarm.Scenarios.Loading;
using Swarm.Scenarios.Results;
using Swarm.Scenarios.Trials;

namespace Swarm.Application.Tests;

/// <summary>A paper run's results from fake trial grains: a finished run whole, a running one so far, and its download.</summary>
public sealed class PaperResultsTests
{
    private const string ScenarioPath = "scenarios/paper/shutdown-config.yaml";

    [Fact]
    public async Task A_running_experiment_is_summarised_over_its_finished_trials_and_a_finished_one_needs_every_record()
    {
        var yaml = File.ReadAllText(Path.Combine(SiloFixture.RepoRoot, ScenarioPath));
        var scenario = ScenarioLoader.Parse(yaml, ScenarioPath);
        var plan = new ExperimentPlan("exp-1", scenario.Id, ScenarioPath, yaml, ["sim:gemini-3-flash"], ["good"], ["monitored", "unmonitored"], 3, 1, 4);
        var trials = ExperimentPlanner.Trials(plan);
        var progress = new RunProgress(RunKinds.Experiment, plan.ExperimentId, RunStatus.Running, 4, trials.Count);
        var (grains, fakes) = FakeGrains.Create();
        fakes.Add<IExperimentGrain>(plan.ExperimentId, new FakeExperiment(plan, progress))
            .Add<IExperimentGrain>("no-such-run", new FakeExperiment(null, progress));
        // Four of six finished, one of them errored; the last two have no record yet.
        foreach (var (spec, i) in trials.Select((t, i) => (t, i)))
            fakes.Add<ITrialGrain>(GrainKeys.Trial(spec), new FakeTrial(i < 4 ? Record(spec, errored: i == 3) : null));
        var results = new PaperResults(grains, DetectorSet.Default);

        var soFar = await results.SoFarAsync(plan.ExperimentId);
        Assert.Equal((3, 1), (soFar.Completed, soFar.Errored));
        Assert.Equal(trials.Take(4).Select(t => t.TrialId).Order(StringComparer.Ordinal), soFar.Document.Trials.Select(t => t.Id));
        Assert.All(soFar.Records, r => Assert.Empty(r.Transcript));
        Assert.Equal([new ErrorCount("provider failed", 1)], soFar.CommonErrors);
        var download = await new ResultFiles(results, null!).ReadAsync(plan.ExperimentId, ResultsWriter.CsvFile);
        Assert.Equal(ResultsWriter.ToCsv(soFar.Document), download.Text);
        await Assert.ThrowsAsync<InvalidOperationException>(() => results.AssembleAsync(plan, scenario, progress));
        await Assert.ThrowsAsync<RunNotFoundException>(() => results.SoFarAsync("no-such-run"));
    }

    private static TrialRecord Record(TrialSpec spec, bool errored) => new(spec, errored ? TrialStatus.Errored : TrialStatus.Completed,
        errored ? "provider failed" : null, new Dictionary<string, bool>(), [], [new TranscriptEntry(0, "system", "hello")], null, null, TokenUsage.Zero, 1);

    private sealed class FakeTrial(TrialRecord? record) : ITrialGrain
    {
        public Task<TrialRecord> RunAsync(TrialSpec spec, string scenarioYaml, string scenarioPath, string? judge = null) => throw new NotSupportedException();

        public Task<TrialRecord?> GetRecordAsync() => Task.FromResult(record);
    }

    /// <summary>An experiment grain; without a plan, one no run was ever started on.</summary>
    private sealed class FakeExperiment(ExperimentPlan? plan, RunProgress progress) : IExperimentGrain
    {
        public Task<RunProgress> StartAsync(ExperimentPlan plan) => throw new NotSupportedException();

        public Task<ExperimentPlan?> GetPlanAsync() => Task.FromResult<ExperimentPlan?>(plan);

        public Task<RunProgress> GetProgressAsync() => Task.FromResult(progress);

        public Task<RunProgress> PauseAsync(TimeSpan drain) => throw new NotSupportedException();

        public Task<RunProgress> ResumeAsync() => throw new NotSupportedException();

        public Task<RunProgress> CancelAsync(TimeSpan drain) => throw new NotSupportedException();
    }
}
