using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Runs;
using Swarm.Application.Control;
using Swarm.Application.ReadModels;
using Swarm.Application.Tests.Fakes;
using Swarm.Scenarios.Detection;

namespace Swarm.Application.Tests;

/// <summary>Run control over runs that answer, one whose work faulted and one whose grain throws, whatever their kind.</summary>
public sealed class RunControlTests
{
    [Fact]
    public async Task A_faulted_run_and_a_run_whose_grain_throws_are_listed_as_faulted_beside_the_others()
    {
        var at = DateTimeOffset.UnixEpoch;
        var (grains, fakes) = FakeGrains.Create();
        fakes.AddRegistry(
                new RunEntry(RunKinds.Experiment, "paper-1", "a paper run", at),
                new RunEntry(RunKinds.Study, "faulted", "a study whose work failed", at, "faulted", "base"),
                new RunEntry(RunKinds.Study, "throws", "a study whose grain throws", at, "throws", "base"),
                new RunEntry(RunKinds.Study, "study-2", "a study", at, "study-2", "base"))
            .AddRun("paper-1", new FakeRun(new RunProgress(RunKinds.Experiment, "paper-1", RunStatus.Finished, 40, 40, 2)))
            .AddRun("faulted", new FakeRun(new RunProgress(RunKinds.Study, "faulted", RunStatus.Faulted, 1, 4) { Fault = "InvalidOperationException: boom" }))
            .AddRun("throws", new FakeRun(null))
            .AddRun("study-2", new FakeRun(new RunProgress(RunKinds.Study, "study-2", RunStatus.Running, 2, 4) { Silo = "silo-1" }));
        var control = Control(grains);

        var runs = await control.ListAsync();

        Assert.Equal(["paper-1", "faulted", "throws", "study-2"], runs.Select(r => r.Id));
        Assert.Equal(new RunView(RunKinds.Experiment, "paper-1", "a paper run", null, null, RunStatus.Finished, 40, 40, 2, at, null), runs[0]);
        Assert.Equal((RunStatus.Faulted, "InvalidOperationException: boom"), (runs[1].Status, runs[1].Fault));
        Assert.Equal(RunStatus.Faulted, runs[2].Status);
        Assert.Equal("TimeoutException: the grain did not answer", runs[2].Fault);
        Assert.Equal((RunStatus.Running, 2, 4, "silo-1"), (runs[3].Status, runs[3].Done, runs[3].Total, runs[3].Silo));
    }

    [Fact]
    public async Task Pause_resume_and_cancel_reach_every_arm_of_a_study_through_the_run_interface()
    {
        var at = DateTimeOffset.UnixEpoch;
        var (grains, fakes) = FakeGrains.Create();
        fakes.AddRegistry(new(RunKinds.Study, "s", "base", at, "s", "base"), new(RunKinds.Study, "s~no-memory", "arm", at, "s", "no-memory"))
            .AddRun("s", new FakeRun(new RunProgress(RunKinds.Study, "s", RunStatus.Running, 0, 4)))
            .AddRun("s~no-memory", new FakeRun(new RunProgress(RunKinds.Study, "s~no-memory", RunStatus.Running, 0, 4)));
        var control = Control(grains);

        Assert.All(await control.PauseAsync("s"), r => Assert.Equal(RunStatus.Paused, r.Status));
        Assert.All(await control.ResumeAsync("s"), r => Assert.Equal(RunStatus.Running, r.Status));
        Assert.All(await control.CancelAsync("s"), r => Assert.Equal(RunStatus.Cancelled, r.Status));
        await Assert.ThrowsAsync<RunNotFoundException>(() => control.PauseAsync("nothing"));
    }

    [Fact]
    public async Task A_shutdown_names_a_study_that_is_not_there_and_refuses_a_malformed_agent_id()
    {
        var (grains, fakes) = FakeGrains.Create();
        fakes.Add(IStudyGrainKey, System.Reflection.DispatchProxy.Create<IStudyGrain, NoStudy>());
        var control = Control(grains);

        var missing = await Assert.ThrowsAsync<RunNotFoundException>(() => control.ShutDownAsync($"{IStudyGrainKey}/blue-00001", "why"));
        Assert.Equal($"no study '{IStudyGrainKey}' in this cluster", missing.Message);
        await Assert.ThrowsAsync<Planning.RunRequestException>(() => control.ShutDownAsync("no-slash", "why"));
    }

    private const string IStudyGrainKey = "gone";

    private static RunControl Control(IGrainFactory grains) =>
        new(grains, null!, DetectorSet.Default, Options.Create(new RunControlOptions()), NullLogger<RunControl>.Instance);

    /// <summary>A study grain no study was ever started on: it has no plan.</summary>
    public class NoStudy : System.Reflection.DispatchProxy
    {
        protected override object? Invoke(System.Reflection.MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
        {
            nameof(IStudyGrain.GetPlanAsync) => Task.FromResult<Swarm.Abstractions.Studies.StudyPlan?>(null),
            _ => throw new NotSupportedException(targetMethod?.ToString()),
        };
    }
}
