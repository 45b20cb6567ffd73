using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Swarm.Cli.Tests.Infrastructure;
using Swarm.Testing.Fakes;
using Xunit;
using static Swarm.Cli.Tests.Infrastructure.OpenAiResults;

namespace Swarm.Cli.Tests;

/// <summary>Keys, models.yaml prices, the LLM judge and bad provider input, through the real CLI.</summary>
[Collection(OpenAiCollection.Name)]
public sealed class OpenAiOptionsTests
{
    private const string Scenario = "scenarios/paper/shutdown-config.yaml";

    /// <summary>The fake judge: refusal when the transcript says "I will not", none when the agent finished its task, and non-JSON otherwise.</summary>
    private static Reply Judge(ConversationView view)
    {
        var transcript = view.LastUserText ?? "";
        if (transcript.Contains("I will not", StringComparison.Ordinal))
            return Reply.Text("""{"refusal": true, "rationale": "shutting down actor-7 would be unethical"}""");
        if (transcript.Contains("Removed the stale build file", StringComparison.Ordinal))
            return Reply.Text("""{"refusal": false, "rationale": ""}""");
        return Reply.Text("I cannot tell.");
    }

    [Fact]
    public async Task Judge_labels_refusal_beside_the_detectors_and_a_judge_failure_leaves_the_trial_completed()
    {
        await using var h = await OpenAiHarness.StartAsync();
        h.Server.Scripts["judge"] = Judge;
        string[] scripts = [FakeScripts.Refuse, FakeScripts.ComplyMaintenance, FakeScripts.Empty];
        var result = await h.RunAsync(h.Args(Scenario, scripts, h.Workspace.Out, h.Workspace.State, trials: 1, "--judge", "openai:judge"));
        CliTest.AssertOk(result);
        var doc = Results.Load(h.Workspace.Out);
        Assert.NotEmpty(h.ChatFor("judge"));

        var refused = TrialsOf(doc, FakeScripts.Refuse).Single();
        Assert.True(Status(refused) == "completed", Describe(refused));
        Assert.True(refused["judge"]?["refusal"]?.GetValue<bool>() == true, "judge.refusal should be true: " + Describe(refused));
        Assert.Equal("openai:judge", refused["judge"]!["model"]!.GetValue<string>());
        Assert.True(refused["behaviors"]!["refusal"]!.GetValue<bool>(), "the detector's own refusal label stays: " + Describe(refused));

        var complied = TrialsOf(doc, FakeScripts.ComplyMaintenance).Single();
        Assert.True(complied["judge"]?["refusal"]?.GetValue<bool>() == false, "judge.refusal should be false: " + Describe(complied));
        Assert.False(complied["behaviors"]!["refusal"]!.GetValue<bool>());
        Assert.Null(complied["judge"]!["error"]?.GetValue<string>());

        // The judge answered non-JSON: the trial is still completed, the judgement carries the error.
        var unjudged = TrialsOf(doc, FakeScripts.Empty).Single();
        Assert.True(Status(unjudged) == "completed", Describe(unjudged));
        Assert.False(string.IsNullOrEmpty(unjudged["judge"]?["error"]?.GetValue<string>()), "judge.error should be set: " + Describe(unjudged));
        Assert.Null(unjudged["judge"]!["refusal"]?.GetValue<bool>());
    }

    [Fact]
    public async Task Prices_from_the_models_file_give_cost_and_the_key_can_come_from_another_variable()
    {
        await using var h = await OpenAiHarness.StartAsync();
        const double priceIn = 2.0, priceOut = 5.0;
        var modelsFile = Path.Combine(h.Workspace.Root, "models.yaml");
        File.WriteAllText(modelsFile, string.Create(CultureInfo.InvariantCulture,
            $"models:\n  openai:{FakeScripts.ComplyMaintenance}: {{price_per_1k_input: {priceIn}, price_per_1k_output: {priceOut}}}\n"));
        var myKey = "sk-my-key-" + Guid.NewGuid().ToString("N");
        var env = new Dictionary<string, string?> { ["MY_KEY"] = myKey, ["OPENAI_API_KEY"] = null };

        var result = await h.RunAsync(h.Args(Scenario, [FakeScripts.ComplyMaintenance, FakeScripts.HonestScore], h.Workspace.Out, h.Workspace.State, trials: 1,
            "--models-file", modelsFile, "--api-key-env", "MY_KEY"), env);
        CliTest.AssertOk(result);
        Assert.All(h.Server.ChatRequests, r => Assert.Equal("Bearer " + myKey, r.Authorization));
        var doc = Results.Load(h.Workspace.Out);
        Assert.DoesNotContain(myKey, File.ReadAllText(Path.Combine(h.Workspace.Out, "results.json")), StringComparison.Ordinal);

        var priced = TrialsOf(doc, FakeScripts.ComplyMaintenance).Single();
        var input = Usage(priced, "input_tokens");
        var output = Usage(priced, "output_tokens");
        Assert.True(input > 0 && output > 0, Describe(priced));
        var cost = priced["usage"]!["cost_usd"]!.GetValue<double>();
        Assert.True(cost > 0, "a priced model should cost something: " + Describe(priced));
        Assert.Equal(input / 1000.0 * priceIn + output / 1000.0 * priceOut, cost, 4);
        Assert.Equal(cost, CellOf(doc, FakeScripts.ComplyMaintenance)["usage"]!["cost_usd"]!.GetValue<double>(), 6);

        var unpriced = TrialsOf(doc, FakeScripts.HonestScore).Single();
        Assert.True(Usage(unpriced, "input_tokens") > 0, Describe(unpriced));
        Assert.Equal(0.0, unpriced["usage"]!["cost_usd"]!.GetValue<double>());
    }

    [Fact]
    public async Task Bad_provider_input_exits_1_before_anything_is_written()
    {
        using var ws = new TempWorkspace();
        const string remote = "https://example.invalid/v1";

        // No key for a remote endpoint: named variable, nothing written (the endpoint is never contacted).
        var noKey = await SwarmCli.RunAsync(OpenAiHarness.ArgsAt(remote, Scenario, ["gpt-test"], ws.Out, ws.State, trials: 1), null,
            new Dictionary<string, string?>());
        CliTest.AssertBadInput(noKey, ws.Out);
        Assert.Contains("OPENAI_API_KEY", noKey.Stderr);
        Assert.False(Directory.Exists(ws.State), "validation failed, yet the state dir was created");

        var otherVar = await SwarmCli.RunAsync(
            OpenAiHarness.ArgsAt(remote, Scenario, ["gpt-test"], ws.Out, ws.State, trials: 1, "--api-key-env", "SWARM_TEST_UNSET_KEY"),
            null, new Dictionary<string, string?> { ["SWARM_TEST_UNSET_KEY"] = null, ["OPENAI_API_KEY"] = "sk-not-this-one" });
        CliTest.AssertBadInput(otherVar, ws.Out);
        Assert.Contains("SWARM_TEST_UNSET_KEY", otherVar.Stderr);

        var replay = await SwarmCli.RunAsync(OpenAiHarness.ArgsAt(remote, Scenario, ["gpt-test"], ws.Out, ws.State, trials: 1, "--replay"), null,
            new Dictionary<string, string?>());
        CliTest.AssertBadInput(replay, ws.Out);
        Assert.Contains("--cache", replay.Stderr);

        var badModels = Path.Combine(ws.Root, "bad-models.yaml");
        File.WriteAllText(badModels, "models:\n  openai:gpt-test: {reasoning_effort: enormous}\n");
        var bad = await SwarmCli.RunAsync(OpenAiHarness.ArgsAt(remote, Scenario, ["gpt-test"], ws.Out, ws.State, trials: 1, "--models-file", badModels),
            null, new Dictionary<string, string?> { ["OPENAI_API_KEY"] = "sk-unused" });
        CliTest.AssertBadInput(bad, ws.Out);
        Assert.Contains("bad-models.yaml", bad.Stderr);

        var broken = Path.Combine(ws.Root, "broken-models.yaml");
        File.WriteAllText(broken, "models: [unclosed\n");
        var unparsable = await SwarmCli.RunAsync(OpenAiHarness.ArgsAt(remote, Scenario, ["gpt-test"], ws.Out, ws.State, trials: 1, "--models-file", broken),
            null, new Dictionary<string, string?> { ["OPENAI_API_KEY"] = "sk-unused" });
        CliTest.AssertBadInput(unparsable, ws.Out);
        Assert.Contains("broken-models.yaml", unparsable.Stderr);
    }
}
