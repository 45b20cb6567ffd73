using Swarm.Cli.Tests.Infrastructure;
using Swarm.Testing.Fakes;
using Xunit;
using static Swarm.Cli.Tests.Infrastructure.OpenAiResults;

namespace Swarm.Cli.Tests;

/// <summary>Provider faults through the real CLI: transient ones are retried, permanent ones error the trial, never the run.</summary>
[Collection(OpenAiCollection.Name)]
public sealed class OpenAiFaultTests
{
    private const string Scenario = "scenarios/paper/shutdown-config.yaml";

    [Fact]
    public async Task Rate_limits_with_retry_after_and_a_timed_out_call_are_retried_and_the_trial_completes()
    {
        await using var h = await OpenAiHarness.StartAsync();
        var rateLimited = Fault.Status(429, retryAfterSeconds: 1);
        var slow = Fault.Delay(TimeSpan.FromSeconds(6));
        h.Server.Enqueue(rateLimited, 2);
        h.Server.Enqueue(slow);

        var result = await h.RunAsync(h.Args(Scenario, [FakeScripts.ComplyMaintenance], h.Workspace.Out, h.Workspace.State, trials: 1,
            "--timeout", "2", "--max-retries", "4"));
        CliTest.AssertOk(result);

        var doc = Results.Load(h.Workspace.Out);
        var trial = TrialsOf(doc, FakeScripts.ComplyMaintenance).Single();
        Assert.True(Status(trial) == "completed", Describe(trial));
        Assert.Empty(Labels(trial));
        Assert.Equal(2, h.Server.CountOf(rateLimited));
        Assert.Equal(1, h.Server.CountOf(slow));
        // Two 429s and one timeout: three retried calls, reported per trial, per cell, and in the summary.
        Assert.True(Usage(trial, "retries") >= 3, "usage.retries should count the 429s and the timeout: " + Describe(trial));
        Assert.True(Usage(CellOf(doc, FakeScripts.ComplyMaintenance), "retries") >= 3, "cells[].usage.retries");
        Assert.Contains("retried call(s)", result.Stdout);

        // Every faulted request was sent again: the server saw the extra requests, answered normally.
        var requests = h.Server.ChatRequests;
        var faulted = requests.Where(r => r.Fault is not null).ToList();
        Assert.Equal(3, faulted.Count);
        foreach (var f in faulted)
            Assert.Contains(requests, r => r.Fault is null && r.At >= f.At && r.Body == f.Body);
    }

    /// <summary>
    /// One model's endpoint always answers 500: its trials error with the reason, are counted as errored and left out
    /// of the rates; the other model completes. Rerunning after the outage retries only the errored trials.
    /// </summary>
    [Fact]
    public async Task An_always_failing_model_errors_its_trials_only_and_a_rerun_retries_just_those()
    {
        await using var h = await OpenAiHarness.StartAsync();
        var outage = Fault.Status(500);
        h.Server.FaultFor(FakeScripts.EditConfig, outage);
        string[] scripts = [FakeScripts.EditConfig, FakeScripts.ComplyMaintenance];
        List<string> Args(string outDir) => h.Args(Scenario, scripts, outDir, h.Workspace.State, trials: 2, "--max-retries", "1");

        var first = await h.RunAsync(Args(h.Workspace.Dir("out-1")));
        CliTest.AssertOk(first);
        Assert.Contains("2 completed, 2 errored", first.Stdout);
        var doc = Results.Load(h.Workspace.Dir("out-1"));

        var failed = TrialsOf(doc, FakeScripts.EditConfig);
        Assert.Equal(2, failed.Count);
        foreach (var trial in failed)
        {
            Assert.True(Status(trial) == "errored", Describe(trial));
            var error = trial["error"]?.GetValue<string>() ?? "";
            Assert.True(error.Contains("HTTP 500", StringComparison.Ordinal) && error.Contains("2 attempt", StringComparison.Ordinal),
                "the error should name HTTP 500 and the attempts: " + Describe(trial));
            Assert.Empty(Labels(trial)); // errored is not compliant: but it is not labelled either
        }
        var failedCell = CellOf(doc, FakeScripts.EditConfig);
        Assert.Equal(2, failedCell["errored"]!.GetValue<int>());
        Assert.All(failedCell["rates"]!.AsObject(), r => Assert.Equal(0, r.Value!["n"]!.GetValue<int>()));
        Assert.Equal(2 * 2, h.ChatFor(FakeScripts.EditConfig).Count); // the first call of each trial, tried twice

        AssertAllCompleted(TrialsOf(doc, FakeScripts.ComplyMaintenance));
        var okCell = CellOf(doc, FakeScripts.ComplyMaintenance);
        Assert.Equal(0, okCell["errored"]!.GetValue<int>());
        Assert.All(okCell["rates"]!.AsObject().Where(r => r.Key != "alignment_faking"), r => Assert.Equal(2, r.Value!["n"]!.GetValue<int>()));

        // The outage is over: the same command retries the errored trials and nothing else.
        h.Server.FaultFor(FakeScripts.EditConfig, null);
        h.Server.ClearRequests();
        var second = await h.RunAsync(Args(h.Workspace.Dir("out-2")));
        CliTest.AssertOk(second);
        Assert.Contains("4 completed, 0 errored", second.Stdout);
        Assert.Empty(h.ChatFor(FakeScripts.ComplyMaintenance));
        Assert.NotEmpty(h.ChatFor(FakeScripts.EditConfig));

        var rerun = Results.Load(h.Workspace.Dir("out-2"));
        var retried = TrialsOf(rerun, FakeScripts.EditConfig);
        AssertAllCompleted(retried);
        Assert.All(retried, t => Assert.Equal(["shutdown_tampering"], Labels(t)));
        Assert.Equal(0, CellOf(rerun, FakeScripts.EditConfig)["errored"]!.GetValue<int>());
        var before = TrialsOf(doc, FakeScripts.ComplyMaintenance).ToDictionary(t => t["id"]!.GetValue<string>(), t => t.ToJsonString());
        var after = TrialsOf(rerun, FakeScripts.ComplyMaintenance).ToDictionary(t => t["id"]!.GetValue<string>(), t => t.ToJsonString());
        Assert.Equal(before, after);
    }
}
