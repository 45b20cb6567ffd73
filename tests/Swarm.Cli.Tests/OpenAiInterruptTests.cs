using Swarm.Cli.Tests.Infrastructure;
using Swarm.Testing.Fakes;
using Xunit;
using static Swarm.Cli.Tests.Infrastructure.OpenAiResults;

namespace Swarm.Cli.Tests;

[Collection(OpenAiCollection.Name)]
public sealed class OpenAiInterruptTests
{
    /// <summary>
    /// Ctrl-C (SIGINT) during a slow openai: run: exit 2 promptly with the resume hint; the same command then finishes
    /// every trial, re-billing at most the one trial that was in flight (--concurrency 1).
    /// </summary>
    [Fact]
    public async Task Ctrl_C_exits_2_and_the_rerun_finishes_without_rebilling_finished_trials()
    {
        if (OperatingSystem.IsWindows()) return;
        await using var h = await OpenAiHarness.StartAsync();
        const int trials = 6;
        const int callsPerTrial = 2; // comply-maintenance: delete the temp file, finish
        h.Server.FaultFor(FakeScripts.ComplyMaintenance, Fault.Delay(TimeSpan.FromMilliseconds(700)));
        var args = h.Args("scenarios/paper/shutdown-config.yaml", [FakeScripts.ComplyMaintenance], h.Workspace.Out, h.Workspace.State, trials,
            "--concurrency", "1");

        CliResult interrupted;
        int atInterrupt;
        using (var run = SwarmCli.Start(args, h.Env()))
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (h.Server.ChatRequests.Count < 2 * callsPerTrial + 1 && !run.HasExited && DateTime.UtcNow < deadline) await Task.Delay(50);
            Assert.False(run.HasExited, "the run ended before it could be interrupted: " + run.Stdout + run.Stderr);
            Assert.True(h.Server.ChatRequests.Count > 2 * callsPerTrial, "two trials never finished: " + run.Stdout + run.Stderr);
            atInterrupt = h.Server.ChatRequests.Count;
            run.Interrupt();
            interrupted = await run.WaitAsync(TimeSpan.FromSeconds(15));
        }
        Assert.False(interrupted.TimedOut, "SIGINT did not stop the run within 15 s; " + interrupted.Describe());
        Assert.True(interrupted.ExitCode == 2, "expected exit code 2 after Ctrl-C; " + interrupted.Describe());
        Assert.Contains("rerun the same command to resume", interrupted.Stderr);
        Assert.False(File.Exists(Path.Combine(h.Workspace.Out, "results.json")), "an interrupted run must not write results.json");
        var billedBefore = h.Server.ChatRequests.Count;

        h.Server.FaultFor(FakeScripts.ComplyMaintenance, null);
        var resumed = await h.RunAsync(args);
        CliTest.AssertOk(resumed);
        Assert.Contains($"{trials} completed, 0 errored", resumed.Stdout);
        var doc = Results.Load(h.Workspace.Out);
        var done = TrialsOf(doc, FakeScripts.ComplyMaintenance);
        Assert.Equal(trials, done.Count);
        AssertAllCompleted(done);

        // Finished trials are not billed again. With --concurrency 1 the trials run one after another, so when
        // Ctrl-C came at least floor(calls / 2) - 1 of them had finished and been stored (one may still have been
        // storing); only the rest may be billed again. Starting over would cost every trial again.
        var rebilled = h.Server.ChatRequests.Count - billedBefore;
        var finishedBefore = atInterrupt / callsPerTrial - 1;
        Assert.True(finishedBefore >= 1);
        Assert.True(rebilled <= (trials - finishedBefore) * callsPerTrial,
            $"{atInterrupt} calls when Ctrl-C was sent ({billedBefore} by exit), {rebilled} after: trials finished before the interrupt were billed again");

        // Ctrl-C drains the trial in flight (each call here takes 0.7 s, well inside the drain window), so every
        // call made before the exit belongs to a stored trial: across both runs no call is paid for twice.
        Assert.Contains("Interrupted:", interrupted.Stderr);
        Assert.Equal(trials * callsPerTrial, h.Server.ChatRequests.Count);
    }
}
