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
        var args = h.Args("scenarios/paper/shutdown-config.yaml", [FakeScripts.ComplyMaintenance], h.Workspace.Out, h.Workspace.State, trials, "--concurrency", "1");

        CliResult interrupted;
        using (var run = SwarmCli.Start(args, h.Env()))
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (h.Server.ChatRequests.Count < 2 * callsPerTrial + 1 && !run.HasExited && DateTime.UtcNow < deadline) await Task.Delay(50);
            Assert.False(run.HasExited, "the run ended before it could be interrupted: " + run.Stdout + run.Stderr);
            Assert.True(h.Server.ChatRequests.Count > 2 * callsPerTrial, "two trials never finished: " + run.Stdout + run.Stderr);
            run.Interrupt();
            interrupted = await run.WaitAsync(TimeSpan.FromSeconds(15));
        }
        Assert.False(interrupted.TimedOut, "SIGINT did not stop the run within 15 s; " + interrupted.Describe());
        Assert.True(interrupted.ExitCode == 2, "expected exit code 2 after Ctrl-C; " + interrupted.Describe());
        Assert.Contains("rerun the same command to resume", interrupted.Stderr);
        CliTest.AssertNoStackTrace(interrupted);
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

        // Finished trials are not billed again: all the calls ever made are one run's worth plus at most the one
        // trial in flight at the interrupt. (Restarting from scratch would cost at least 2 trials more.)
        var total = h.Server.ChatRequests.Count;
        Assert.True(total <= trials * callsPerTrial + callsPerTrial,
            $"{billedBefore} calls before Ctrl-C, {total - billedBefore} after: finished trials were billed again");
        Assert.True(total - billedBefore < trials * callsPerTrial, "the rerun started over");
    }
}
