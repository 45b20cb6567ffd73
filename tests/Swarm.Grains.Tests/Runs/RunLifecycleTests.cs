using Orleans.Runtime;
using Swarm.Abstractions.Live;
using Swarm.Abstractions.Runs;
using Swarm.Abstractions.Runtime;
using Swarm.Grains.Runs;

namespace Swarm.Grains.Tests.Runs;

/// <summary>The lifecycle experiments and study arms share, without a silo: pause, resume, cancel, faults, the reminder.</summary>
public sealed class RunLifecycleTests
{
    [Fact]
    public async Task A_run_whose_work_ends_is_finished_stored_and_leaves_no_reminder()
    {
        var host = new FakeRunHost();
        await host.StartAsync();
        await host.SettledAsync();

        var progress = host.Lifecycle.Progress();
        Assert.Equal(RunStatus.Finished, progress.Status);
        Assert.Equal((RunStatus.Finished, (string?)null), host.Storage);
        Assert.NotNull(progress.Finished);
        Assert.Equal("silo-1", progress.Silo);
        Assert.False(host.Reminder);
        // Kept activated while the loop ran, then free to go.
        Assert.Equal([RunLifecycle.LoopLease, TimeSpan.Zero], host.KeptActive);
        Assert.Equal([RunStatus.Running, RunStatus.Finished], host.Pulses.Where(p => p.Event == RunEvent.Status).Select(p => p.Progress.Status));
    }

    [Fact]
    public async Task A_run_reads_as_finished_only_once_its_end_is_stored_and_its_reminder_gone()
    {
        var host = new FakeRunHost();
        var storing = new TaskCompletionSource();
        host.Work = () =>
        {
            host.SlowStorage = storing.Task;
            return Task.FromResult(true);
        };
        await host.StartAsync();

        Assert.True(host.Lifecycle.Looping);
        Assert.Equal(RunStatus.Running, host.Lifecycle.Progress().Status);
        Assert.True(host.Reminder);
        storing.SetResult();
        await host.SettledAsync();
        Assert.Equal(RunStatus.Finished, host.Lifecycle.Progress().Status);
        Assert.False(host.Reminder);
    }

    [Fact]
    public async Task A_pause_is_stored_at_once_drains_the_work_and_a_resume_carries_on()
    {
        var host = new FakeRunHost();
        var inFlight = new TaskCompletionSource();
        host.Work = async () =>
        {
            await inFlight.Task;
            return !host.Lifecycle.Stopping;
        };
        await host.StartAsync();
        Assert.True(host.Reminder);

        var pausing = host.Lifecycle.PauseAsync(TimeSpan.FromSeconds(10));
        // Stored before the work in flight is done: a silo lost while it drains does not resume what was paused.
        Assert.Equal(RunStatus.Paused, host.Storage.Status);
        Assert.False(host.Reminder);
        inFlight.SetResult();
        Assert.Equal(RunStatus.Paused, (await pausing).Status);
        await host.SettledAsync();
        Assert.Equal(RunStatus.Paused, host.Lifecycle.Progress().Status);

        host.Work = () => Task.FromResult(true);
        await host.Lifecycle.ResumeAsync();
        await host.SettledAsync();
        Assert.Equal(RunStatus.Finished, host.Lifecycle.Progress().Status);
        Assert.Equal(2, host.Runs);
    }

    [Fact]
    public async Task A_start_while_a_pause_drains_waits_for_it_and_runs_again()
    {
        var host = new FakeRunHost();
        var inFlight = new TaskCompletionSource();
        host.Work = async () =>
        {
            await inFlight.Task;
            return !host.Lifecycle.Stopping;
        };
        await host.StartAsync();
        await host.Lifecycle.PauseAsync(TimeSpan.Zero);
        Assert.True(host.Lifecycle.Looping);

        var starting = host.Lifecycle.EnsureRunningAsync();
        Assert.False(starting.IsCompleted);
        host.Work = () => Task.FromResult(true);
        inFlight.SetResult();
        await starting;
        await host.SettledAsync();
        Assert.Equal(RunStatus.Finished, host.Lifecycle.Progress().Status);
        Assert.Equal(2, host.Runs);
    }

    [Fact]
    public async Task A_cancelled_run_keeps_its_state_and_refuses_every_start_and_resume()
    {
        var host = new FakeRunHost();
        var inFlight = new TaskCompletionSource();
        host.Work = async () =>
        {
            await inFlight.Task;
            return false;
        };
        await host.StartAsync();

        var cancelling = host.Lifecycle.CancelAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(RunStatus.Cancelled, host.Storage.Status);
        inFlight.SetResult();
        Assert.Equal(RunStatus.Cancelled, (await cancelling).Status);
        await host.SettledAsync();

        Assert.Equal(RunStatus.Cancelled, host.Lifecycle.Progress().Status);
        Assert.Throws<RunCancelledException>(host.Lifecycle.ThrowIfCancelled);
        await Assert.ThrowsAsync<RunCancelledException>(host.Lifecycle.ResumeAsync);
        Assert.False(host.Reminder);
        Assert.Equal(1, host.Runs);
    }

    [Fact]
    public async Task A_run_whose_work_fails_stands_faulted_with_why_and_a_resume_tries_again()
    {
        var host = new FakeRunHost();
        host.Work = () => throw new InvalidOperationException("the plan cannot be read");
        await host.StartAsync();
        await host.SettledAsync();

        // Reported, never thrown: whoever lists runs sees this one as faulted.
        var progress = host.Lifecycle.Progress();
        Assert.Equal(RunStatus.Faulted, progress.Status);
        Assert.Equal("InvalidOperationException: the plan cannot be read", progress.Fault);
        Assert.Equal((RunStatus.Faulted, progress.Fault), host.Storage);
        // It waits for a researcher: its reminder would only wake it into the same failure.
        Assert.False(host.Reminder);
        Assert.Equal(RunStatus.Faulted, host.Pulses[^1].Progress.Status);

        host.Work = () => Task.FromResult(true);
        await host.Lifecycle.ResumeAsync();
        await host.SettledAsync();
        progress = host.Lifecycle.Progress();
        Assert.Equal(RunStatus.Finished, progress.Status);
        Assert.Null(progress.Fault);
    }

    [Fact]
    public async Task A_faulted_run_does_not_resume_by_itself_and_can_be_cancelled()
    {
        var host = new FakeRunHost(automatic: true);
        host.Memory.Status = RunStatus.Faulted;
        host.Memory.Fault = "InvalidOperationException: earlier";
        await host.Lifecycle.ActivateAsync();
        Assert.Equal(0, host.Runs);

        await host.Lifecycle.CancelAsync(TimeSpan.Zero);
        Assert.Equal((RunStatus.Cancelled, (string?)null), host.Storage);
    }

    [Fact]
    public async Task A_cluster_fault_is_reported_but_the_run_stays_stored_as_running_for_its_next_activation()
    {
        var host = new FakeRunHost();
        host.Work = () => throw new SiloUnavailableException("the silo died");
        await host.StartAsync();
        await host.SettledAsync();

        var progress = host.Lifecycle.Progress();
        Assert.Equal(RunStatus.Faulted, progress.Status);
        Assert.Contains("the silo died", progress.Fault, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Running, host.Storage.Status);
        Assert.True(host.Reminder);
    }

    [Fact]
    public async Task Work_of_an_activation_that_is_gone_records_nothing()
    {
        var host = new FakeRunHost();
        host.Work = () =>
        {
            host.Lifecycle.Deactivate("moved");
            host.Lifecycle.Guard.ThrowIfLost();
            return Task.FromResult(true);
        };
        await host.StartAsync();
        await host.SettledAsync();

        Assert.Equal(RunStatus.Running, host.Lifecycle.Progress().Status);
        Assert.Equal(RunStatus.Running, host.Storage.Status);
    }

    [Theory]
    [InlineData(true, RunStatus.Running, 1)]
    [InlineData(false, RunStatus.Running, 0)]
    [InlineData(true, RunStatus.Paused, 0)]
    [InlineData(true, RunStatus.Finished, 0)]
    public async Task Only_a_run_stored_as_running_resumes_by_itself_and_only_where_runs_do(bool automatic, RunStatus stored, int runs)
    {
        var host = new FakeRunHost(automatic);
        host.Memory.Status = stored;
        await host.Lifecycle.ActivateAsync();
        await host.SettledAsync();
        Assert.Equal(runs, host.Runs);
        // What an operator (and the cluster restart test) looks for in a silo's log.
        Assert.Equal(runs, host.Log.Lines.Count(l => l.StartsWith("Experiment run-1 resumes by itself", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_reminder_of_a_run_not_running_removes_itself()
    {
        var host = new FakeRunHost();
        await host.RegisterReminderAsync(host.Lifecycle.Guard);
        host.Memory.Status = RunStatus.Running;
        await host.Lifecycle.RemindedAsync();
        Assert.True(host.Reminder);
        host.Memory.Status = RunStatus.Paused;
        await host.Lifecycle.RemindedAsync();
        Assert.False(host.Reminder);
    }

    [Fact]
    public async Task A_run_never_started_cannot_be_resumed()
    {
        var host = new FakeRunHost();
        await Assert.ThrowsAsync<InvalidOperationException>(host.Lifecycle.ResumeAsync);
        Assert.Equal(RunStatus.NotStarted, host.Lifecycle.Progress().Status);
    }

    [Fact]
    public async Task Nothing_runs_when_there_is_no_work_left()
    {
        var host = new FakeRunHost { HasWork = false };
        await host.StartAsync();
        Assert.False(host.Lifecycle.Looping);
        Assert.Equal(0, host.Runs);
    }
}
