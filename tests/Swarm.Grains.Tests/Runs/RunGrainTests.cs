using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Runs;
using Swarm.Grains.Tests.Studies;

namespace Swarm.Grains.Tests.Runs;

/// <summary>Experiments and study arms answer through one interface, addressed by the kind and id the run registry keeps.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RunGrainTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task Every_registered_run_answers_through_the_run_interface_whatever_its_kind()
    {
        var experiment = Paper.Plan("shutdown-config", "sim:gemini-3-flash", ["good"], ["monitored"], 2, seed: 3, tag: "run-interface");
        await Paper.RunAsync(_grains, experiment);
        var study = StudyKit.Plan("base", "sim:gemini-3-flash", agents: 20, rounds: 1);
        await StudyKit.RunAsync(_grains, study);

        var registry = await _grains.GetGrain<IRunRegistryGrain>(IRunRegistryGrain.Key).ListAsync();
        foreach (var entry in registry.Where(r => r.Id == experiment.ExperimentId || r.Id == study.World))
        {
            var progress = await _grains.GetRun(entry).GetProgressAsync();
            Assert.Equal((entry.Kind, entry.Id, RunStatus.Finished), (progress.Kind, progress.Id, progress.Status));
            Assert.Equal(progress.Total, progress.Done);
        }
        Assert.Equal(2, registry.Count(r => r.Id == experiment.ExperimentId || r.Id == study.World));
    }

    [Fact]
    public async Task A_study_whose_work_fails_answers_as_faulted_and_can_be_resumed_or_cancelled()
    {
        var plan = StudyKit.Plan("base", "sim:gemini-3-flash", agents: 20, rounds: 1) with { StudyYaml = "id: broken\n" };
        await _grains.GetGrain<IStudyGrain>(plan.World).StartAsync(plan, 1, plan.Rounds);
        var run = _grains.GetRun(RunKinds.Study, plan.World);

        var progress = await FaultedAsync(run);
        Assert.StartsWith("ScenarioValidationException: ", progress.Fault, StringComparison.Ordinal);

        // A resume tries again (and fails the same way); a cancel stops it for good.
        await run.ResumeAsync();
        await FaultedAsync(run);
        Assert.Equal(RunStatus.Cancelled, (await run.CancelAsync(TimeSpan.Zero)).Status);
        Assert.Null((await run.GetProgressAsync()).Fault);
    }

    /// <summary>The run's loop fails once it has registered its reminder, a moment after the call that started it answered.</summary>
    private static async Task<RunProgress> FaultedAsync(IRunGrain run)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        RunProgress progress;
        while ((progress = await run.GetProgressAsync()).Status != RunStatus.Faulted)
        {
            Assert.True(DateTime.UtcNow < deadline, progress.ToString());
            await Task.Delay(20);
        }
        return progress;
    }
}
