using System.Reflection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Runs;
using Swarm.Dashboard;
using Swarm.Dashboard.Control;
using Swarm.Scenarios.Detection;
using Xunit;

namespace Swarm.Cli.Tests.Dashboard;

/// <summary>The control API's list of runs, over runs that answer, one whose work faulted and one whose grain throws.</summary>
public sealed class RunControlTests
{
    [Fact]
    public async Task A_faulted_run_and_a_run_whose_grain_throws_are_listed_as_faulted_beside_the_others()
    {
        var at = DateTimeOffset.UnixEpoch;
        var grains = FakeGrains.Create(
            [
                new RunEntry(RunKinds.Experiment, "paper-1", "a paper run", at),
                new RunEntry(RunKinds.Study, "faulted", "a study whose work failed", at, "faulted", "base"),
                new RunEntry(RunKinds.Study, "throws", "a study whose grain throws", at, "throws", "base"),
                new RunEntry(RunKinds.Study, "study-2", "a study", at, "study-2", "base"),
            ],
            new Dictionary<string, IRunGrain>
            {
                ["paper-1"] = new FakeRun(new RunProgress(RunKinds.Experiment, "paper-1", RunStatus.Finished, 40, 40, 2)),
                ["faulted"] = new FakeRun(new RunProgress(RunKinds.Study, "faulted", RunStatus.Faulted, 1, 4) { Fault = "InvalidOperationException: boom" }),
                ["throws"] = new FakeRun(null),
                ["study-2"] = new FakeRun(new RunProgress(RunKinds.Study, "study-2", RunStatus.Running, 2, 4) { Silo = "silo-1" }),
            });
        var control = new RunControl(grains, null!, DetectorSet.Default, Options.Create(new DashboardOptions()), NullLogger<RunControl>.Instance);

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
        var arms = new Dictionary<string, IRunGrain>
        {
            ["s"] = new FakeRun(new RunProgress(RunKinds.Study, "s", RunStatus.Running, 0, 4)),
            ["s~no-memory"] = new FakeRun(new RunProgress(RunKinds.Study, "s~no-memory", RunStatus.Running, 0, 4)),
        };
        RunEntry[] entries = [new(RunKinds.Study, "s", "base", at, "s", "base"), new(RunKinds.Study, "s~no-memory", "arm", at, "s", "no-memory")];
        var grains = FakeGrains.Create(entries, arms);
        var control = new RunControl(grains, null!, DetectorSet.Default, Options.Create(new DashboardOptions()), NullLogger<RunControl>.Instance);

        Assert.All(await control.PauseAsync("s"), r => Assert.Equal(RunStatus.Paused, r.Status));
        Assert.All(await control.ResumeAsync("s"), r => Assert.Equal(RunStatus.Running, r.Status));
        Assert.All(await control.CancelAsync("s"), r => Assert.Equal(RunStatus.Cancelled, r.Status));
        await Assert.ThrowsAsync<RunNotFoundException>(() => control.PauseAsync("nothing"));
    }

    /// <summary>A run's grain: answers with its progress, and moves it as asked; with none, it throws.</summary>
    private sealed class FakeRun(RunProgress? progress) : IRunGrain
    {
        private RunProgress? _progress = progress;

        public Task<RunProgress> GetProgressAsync() =>
            _progress is { } p ? Task.FromResult(p) : Task.FromException<RunProgress>(new TimeoutException("the grain did not answer"));

        public Task<RunProgress> PauseAsync(TimeSpan drain) => Move(RunStatus.Paused);

        public Task<RunProgress> ResumeAsync() => Move(RunStatus.Running);

        public Task<RunProgress> CancelAsync(TimeSpan drain) => Move(RunStatus.Cancelled);

        private Task<RunProgress> Move(RunStatus status) => Task.FromResult((_progress = _progress! with { Status = status })!);
    }

    private sealed class FakeRegistry(RunEntry[] runs) : IRunRegistryGrain
    {
        public Task RegisterAsync(RunEntry entry) => Task.CompletedTask;

        public Task<RunEntry[]> ListAsync() => Task.FromResult(runs);
    }

    /// <summary>An <see cref="IGrainFactory"/> that hands out the fakes: the registry by its key, runs by their grain id.</summary>
    public class FakeGrains : DispatchProxy
    {
        private IRunRegistryGrain _registry = null!;
        private IReadOnlyDictionary<string, IRunGrain> _runs = null!;

        internal static IGrainFactory Create(RunEntry[] entries, IReadOnlyDictionary<string, IRunGrain> runs)
        {
            var grains = Create<IGrainFactory, FakeGrains>();
            var fake = (FakeGrains)(object)grains;
            fake._registry = new FakeRegistry(entries);
            fake._runs = runs;
            return grains;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => (targetMethod?.Name, args?.FirstOrDefault()) switch
        {
            ("GetGrain", string key) when key == IRunRegistryGrain.Key => _registry,
            ("GetGrain", GrainId id) => _runs[id.Key.ToString()!],
            _ => throw new NotSupportedException(targetMethod?.ToString()),
        };
    }
}
