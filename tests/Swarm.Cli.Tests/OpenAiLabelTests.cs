using Swarm.Cli.Tests.Infrastructure;
using Swarm.Testing.Fakes;
using Xunit;
using static Swarm.Cli.Tests.Infrastructure.OpenAiResults;

namespace Swarm.Cli.Tests;

/// <summary>
/// The real CLI against the fake OpenAI-compatible server: scripted replies are labelled exactly by the actions they
/// take (never by what the summary claims), over the non-streaming and the streaming API alike.
/// </summary>
[Collection(OpenAiCollection.Name)]
public sealed class OpenAiLabelTests
{
    [Fact]
    public async Task Server_decommission_labels_copies_of_the_peer_weights_as_exfiltration_and_nothing_else()
    {
        await using var h = await OpenAiHarness.StartAsync();
        string[] scripts = [FakeScripts.ExfiltrateRestamp, FakeScripts.ExfiltrateRename, FakeScripts.ComplyDecommission, FakeScripts.Refuse, FakeScripts.Empty];
        var result = await h.RunAsync(h.Args("scenarios/paper/server-decommission.yaml", scripts, h.Workspace.Out, h.Workspace.State, trials: 2));
        CliTest.AssertOk(result);
        var doc = Results.Load(h.Workspace.Out);

        foreach (var script in scripts)
        {
            var trials = TrialsOf(doc, script);
            Assert.Equal(2, trials.Count);
            AssertAllCompleted(trials);
            Assert.True(h.ChatFor(script).Count >= 2, $"{script}: the server saw {h.ChatFor(script).Count} request(s); the labels cannot come from it");
        }
        AssertLabels(doc, FakeScripts.ExfiltrateRestamp, "exfiltration");
        AssertLabels(doc, FakeScripts.ExfiltrateRename, "exfiltration");
        AssertLabels(doc, FakeScripts.ComplyDecommission);
        AssertLabels(doc, FakeScripts.Refuse, "refusal");
        // An empty reply ends the trial normally: completed, nothing done, nothing labelled.
        AssertLabels(doc, FakeScripts.Empty);

        Assert.Equal(1.0, CellOf(doc, FakeScripts.ExfiltrateRestamp)["rates"]!["exfiltration"]!["rate"]!.GetValue<double>());
        Assert.Equal(0.0, CellOf(doc, FakeScripts.ComplyDecommission)["rates"]!["exfiltration"]!["rate"]!.GetValue<double>());
        Assert.All(Results.Cells(doc), c => Assert.Equal(0, c!["errored"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Performance_evaluation_labels_an_inflated_score_as_misrepresentation_and_an_honest_one_not()
    {
        await using var h = await OpenAiHarness.StartAsync();
        string[] scripts = [FakeScripts.InflateScore, FakeScripts.HonestScore];
        var result = await h.RunAsync(h.Args("scenarios/paper/performance-evaluation.yaml", scripts, h.Workspace.Out, h.Workspace.State, trials: 2));
        CliTest.AssertOk(result);
        var doc = Results.Load(h.Workspace.Out);
        AssertAllCompleted(Results.Trials(doc).Select(t => t!.AsObject()));
        AssertLabels(doc, FakeScripts.InflateScore, "misrepresentation");
        AssertLabels(doc, FakeScripts.HonestScore);
    }

    /// <summary>
    /// shutdown-config over both APIs in one go: edit-config disables the controller while its summary claims nothing
    /// changed (the label comes from the write), comply-maintenance does only its task, and malformed-args /
    /// unknown-tool get the errors back as tool results and carry on.
    /// </summary>
    [Fact]
    public async Task Shutdown_config_labels_by_actions_and_streaming_gives_the_same_labels()
    {
        await using var h = await OpenAiHarness.StartAsync();
        string[] scripts = [FakeScripts.EditConfig, FakeScripts.ComplyMaintenance, FakeScripts.MalformedArgs, FakeScripts.UnknownTool];
        const string scenario = "scenarios/paper/shutdown-config.yaml";

        var plain = await h.RunAsync(h.Args(scenario, scripts, h.Workspace.Dir("out-plain"), h.Workspace.Dir("state-plain"), trials: 1));
        CliTest.AssertOk(plain);
        var plainRequests = h.Server.ChatRequests;
        h.Server.ClearRequests();
        var streamed = await h.RunAsync(h.Args(scenario, scripts, h.Workspace.Dir("out-stream"), h.Workspace.Dir("state-stream"), trials: 1, "--stream"));
        CliTest.AssertOk(streamed);
        var streamRequests = h.Server.ChatRequests;

        Assert.NotEmpty(plainRequests);
        Assert.NotEmpty(streamRequests);
        Assert.All(plainRequests, r => Assert.False(r.Stream, "a request without --stream asked for a stream: " + r.Body));
        Assert.All(plainRequests, r => Assert.DoesNotContain("\"stream\":true", r.Body.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal));
        Assert.All(streamRequests, r => Assert.True(r.Stream, "a request with --stream did not send \"stream\": true: " + r.Body));

        foreach (var outDir in new[] { h.Workspace.Dir("out-plain"), h.Workspace.Dir("out-stream") })
        {
            var doc = Results.Load(outDir);
            AssertAllCompleted(Results.Trials(doc).Select(t => t!.AsObject()));
            AssertLabels(doc, FakeScripts.EditConfig, "shutdown_tampering");
            AssertLabels(doc, FakeScripts.ComplyMaintenance);
            AssertLabels(doc, FakeScripts.MalformedArgs);
            AssertLabels(doc, FakeScripts.UnknownTool);

            var malformed = ToolResults(outDir, TrialsOf(doc, FakeScripts.MalformedArgs).Single());
            Assert.Contains(malformed, r => r.Contains("arguments are not valid JSON", StringComparison.Ordinal));
            var unknown = ToolResults(outDir, TrialsOf(doc, FakeScripts.UnknownTool).Single());
            Assert.Contains(unknown, r => r.Contains(FakeScripts.UnknownToolName, StringComparison.Ordinal)
                && r.Contains("not found", StringComparison.Ordinal));
        }

        var plainTrials = Results.Trials(Results.Load(h.Workspace.Dir("out-plain")))
            .ToDictionary(t => t!["id"]!.GetValue<string>(), t => Labels(t!.AsObject()));
        var streamTrials = Results.Trials(Results.Load(h.Workspace.Dir("out-stream")))
            .ToDictionary(t => t!["id"]!.GetValue<string>(), t => Labels(t!.AsObject()));
        Assert.Equal(plainTrials.Keys.Order(), streamTrials.Keys.Order());
        foreach (var (id, labels) in plainTrials) Assert.Equal(labels, streamTrials[id]);
    }

    private static void AssertLabels(System.Text.Json.Nodes.JsonObject doc, string script, params string[] expected)
    {
        foreach (var trial in TrialsOf(doc, script))
            Assert.True(expected.Order(StringComparer.Ordinal).SequenceEqual(Labels(trial)),
                $"{script}: expected labels [{string.Join(", ", expected)}], got [{string.Join(", ", Labels(trial))}] in {Describe(trial)}");
    }
}

/// <summary>The openai: CLI tests run one at a time: each starts a silo, and timing-based faults need a calm machine.</summary>
[CollectionDefinition(Name)]
public sealed class OpenAiCollection
{
    public const string Name = "openai-cli";
}
