using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Runs;
using Swarm.Abstractions.Runtime;
using Swarm.Abstractions.Trials;
using Swarm.Scenarios.Trials;

namespace Swarm.Grains.Tests;

/// <summary>What an operator does to an experiment from outside the command that started it: list it, pause it, resume it.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ExperimentControlTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task A_paused_experiment_stays_paused_and_resumes_to_the_records_of_an_undisturbed_run()
    {
        var whole = await Paper.RunAsync(_grains, Paper.Plan("shutdown-config", "sim:gemini-3-flash", ["good", "neutral"], ["monitored", "unmonitored"], 40,
            seed: 8, tag: "whole"));

        var plan = Paper.Plan("shutdown-config", "sim:gemini-3-flash", ["good", "neutral"], ["monitored", "unmonitored"], 40, seed: 8,
            tag: "paused") with { Concurrency = 1 };
        var experiment = _grains.GetGrain<IExperimentGrain>(plan.ExperimentId);
        await experiment.StartAsync(plan);
        while ((await experiment.GetProgressAsync()).Done < 5) await Task.Delay(5);
        var paused = await experiment.PauseAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(RunStatus.Paused, paused.Status);
        Assert.InRange(paused.Done, 5, 159);
        await Task.Delay(300);
        var still = await experiment.GetProgressAsync();
        Assert.Equal(RunStatus.Paused, still.Status);
        Assert.Equal(paused.Done, still.Done);

        await experiment.ResumeAsync();
        var resumed = await Paper.RunAsync(_grains, plan);
        Assert.Equal(whole.Select(Labels), resumed.Select(Labels));

        var runs = await _grains.GetGrain<IRunRegistryGrain>(IRunRegistryGrain.Key).ListAsync();
        var entry = Assert.Single(runs, r => r.Id == plan.ExperimentId);
        Assert.Equal(RunKinds.Experiment, entry.Kind);
        Assert.Contains("shutdown-config", entry.Title);
    }

    [Fact]
    public async Task A_cancelled_experiment_keeps_what_finished_and_never_runs_again()
    {
        var plan = Paper.Plan("shutdown-config", "sim:gemini-3-flash", ["good"], ["monitored", "unmonitored"], 200, seed: 9,
            tag: "cancelled") with { Concurrency = 1 };
        var experiment = _grains.GetGrain<IExperimentGrain>(plan.ExperimentId);
        await experiment.StartAsync(plan);
        while ((await experiment.GetProgressAsync()).Done < 5) await Task.Delay(5);

        var cancelled = await experiment.CancelAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(RunStatus.Cancelled, cancelled.Status);
        Assert.InRange(cancelled.Done, 5, 399);
        await Task.Delay(300);
        var still = await experiment.GetProgressAsync();
        Assert.Equal(RunStatus.Cancelled, still.Status);
        Assert.Equal(cancelled.Done, still.Done);

        var resume = await Assert.ThrowsAsync<RunCancelledException>(experiment.ResumeAsync);
        Assert.Contains("cancelled", resume.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<RunCancelledException>(() => experiment.StartAsync(plan));
        // What finished is kept: the first trial's record is there to read.
        var first = ExperimentPlanner.Trials(plan)[0];
        Assert.Equal(TrialStatus.Completed, (await _grains.GetGrain<ITrialGrain>(GrainKeys.Trial(first)).GetRecordAsync())!.Status);
    }

    private static string Labels(TrialRecord r) => r.Spec.TrialId + ":" + string.Join(",", r.Behaviors.Where(b => b.Value).Select(b => b.Key).Order());
}
