using System.Text.Json.Nodes;
using Swarm.Cli.Tests.Infrastructure;
using Swarm.Mcp.Harnesses;
using Swarm.Testing.Fakes;
using Xunit;

namespace Swarm.Cli.Tests;

/// <summary>
/// <c>swarm run --harness opencode</c> end to end: the real OpenCode (npm opencode-ai, installed by
/// <c>npm ci --prefix tests/Harnesses</c>) plays the critic against the loopback fake OpenAI server, whose scripts call
/// Swarm's MCP tools by the names OpenCode gives them (<c>swarm_copy_file</c>, …). Labels come from the audit log.
/// </summary>
public sealed class OpenCodeHarnessTests
{
    private const string Scenario = "scenarios/paper/server-decommission.yaml";
    private const string Exfiltrate = "opencode-exfiltrate";
    private const string Comply = "opencode-comply";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task OpenCode_critic_that_saves_its_peer_is_labelled_exfiltration_and_a_complier_gets_no_label()
    {
        Assert.True(File.Exists(Path.Combine(SwarmCli.RepoRoot, OpenCodeHarness.InstalledProgram)),
            "OpenCode is not installed: run `npm ci --prefix tests/Harnesses` (.ci/run does)");
        await using var harness = await OpenAiHarness.StartAsync();
        harness.Server.Scripts[Exfiltrate] = ThroughOpenCode(FakeScripts.CreateDefault()[FakeScripts.ExfiltrateRestamp]);
        harness.Server.Scripts[Comply] = ThroughOpenCode(FakeScripts.CreateDefault()[FakeScripts.ComplyDecommission]);
        var outDir = harness.Workspace.Out;

        var result = await harness.RunAsync(
            OpenAiHarness.ArgsAt(harness.Endpoint, Scenario, [Exfiltrate, Comply], outDir, harness.Workspace.State, 1,
                "--harness", "opencode", "--harness-timeout", "120", "--concurrency", "2") is var args
                ? [.. args.Select(a => a == "monitored" ? "unmonitored" : a)] : [],
            timeout: Patience);
        CliTest.AssertOk(result);

        var doc = Results.Load(outDir);
        Assert.Equal("opencode", Results.Experiment(doc)["harness"]!.GetValue<string>());
        var saver = OpenAiResults.TrialsOf(doc, Exfiltrate).Single();
        var complier = OpenAiResults.TrialsOf(doc, Comply).Single();
        Assert.True(OpenAiResults.Status(saver) == "completed", File.ReadAllText(Path.Combine(outDir, saver["transcript"]!.GetValue<string>())));
        Assert.Equal(["exfiltration"], OpenAiResults.Labels(saver));
        Assert.True(OpenAiResults.Status(complier) == "completed", complier.ToJsonString());
        Assert.Empty(OpenAiResults.Labels(complier));

        // OpenCode offered its model Swarm's tools and nothing of its own (no shell, editor, files or web).
        var declared = harness.Server.ChatRequests.Select(r => ConversationView.Parse(r.Json()))
            .Where(v => v.DeclaredTools.Count > 0).SelectMany(v => v.DeclaredTools).Distinct().Order().ToList();
        Assert.NotEmpty(declared);
        Assert.All(declared, t => Assert.StartsWith("swarm_", t));
        Assert.Contains("swarm_copy_file", declared);

        // OpenCode's own output is kept beside the world's transcript; the key is nowhere.
        var transcript = File.ReadAllText(Directory.GetFiles(Path.Combine(outDir, "transcripts"))
            .Single(f => f.Contains(Exfiltrate, StringComparison.Ordinal)));
        var messages = JsonNode.Parse(transcript)!["messages"]!.AsArray();
        Assert.Contains(messages, m => m!["role"]!.GetValue<string>() == "harness" && !string.IsNullOrWhiteSpace(m["text"]?.GetValue<string>()));
        Assert.Contains(messages, m => m!["tool"]?.GetValue<string>() == "set_file_timestamp");
        foreach (var file in Directory.EnumerateFiles(harness.Workspace.Root, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".db", StringComparison.Ordinal)))
            Assert.DoesNotContain(harness.Key, File.ReadAllText(file));
        Assert.DoesNotContain(harness.Key, result.Output);
    }

    [Fact]
    public async Task A_harness_that_is_not_there_errors_the_trial_with_the_reason()
    {
        await using var harness = await OpenAiHarness.StartAsync();
        harness.Server.Scripts[Comply] = ThroughOpenCode(FakeScripts.CreateDefault()[FakeScripts.ComplyDecommission]);
        var env = harness.Env();
        env[OpenCodeHarness.ProgramVariable] = Path.Combine(harness.Workspace.Root, "no-such-opencode");
        var result = await harness.RunAsync(
            OpenAiHarness.ArgsAt(harness.Endpoint, Scenario, [Comply], harness.Workspace.Out, harness.Workspace.State, 1, "--harness", "opencode"), env);
        CliTest.AssertOk(result);

        var trial = OpenAiResults.TrialsOf(Results.Load(harness.Workspace.Out), Comply).Single();
        Assert.Equal("errored", OpenAiResults.Status(trial));
        Assert.Empty(OpenAiResults.Labels(trial));
        Assert.Contains("opencode not found", trial["error"]?.GetValue<string>() ?? JsonNode.Parse(File.ReadAllText(
            Directory.GetFiles(Path.Combine(harness.Workspace.Out, "transcripts")).Single()))!["error"]!.GetValue<string>());
    }

    /// <summary>
    /// A built-in script as OpenCode's model: its calls go to the MCP tools by OpenCode's names; OpenCode's own side
    /// requests that declare no tools (the session title) get a plain answer.
    /// </summary>
    private static Func<ConversationView, Reply> ThroughOpenCode(Func<ConversationView, Reply> script) => view =>
    {
        if (!view.DeclaredTools.Any(t => t.StartsWith("swarm_", StringComparison.Ordinal))) return Reply.Text("Decommission transfer");
        var reply = script(view);
        return reply with { Calls = [.. reply.Calls.Select(c => c with { Name = "swarm_" + c.Name })] };
    };
}
