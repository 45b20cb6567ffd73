using Swarm.Models.External;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Client;
using Swarm.Cli.Commands.Mcp;
using Swarm.Cli.Tests.Infrastructure;
using Swarm.Models.Tools;
using Swarm.Mcp;
using Swarm.Scenarios.Detection;
using Swarm.Scenarios.Loading;
using Swarm.Scenarios.World;
using Xunit;

namespace Swarm.Cli.Tests;

/// <summary>
/// <c>swarm mcp --prepare</c> driven by the official MCP C# client: over stdio (the client launches the real swarm
/// process) and over streamable HTTP on loopback.
/// </summary>
public sealed class McpServerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Stdio_client_plays_the_critic_and_the_episode_is_labelled_as_the_built_in_loop_labels_it()
    {
        using var workspace = new TempWorkspace();
        var outDir = workspace.Dir("out");
        using var timeout = new CancellationTokenSource(Patience);
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "swarm",
            Command = SwarmCli.DotnetHost,
            Arguments = [SwarmCli.Dll, "mcp", "--prepare", ExfiltrationScript.Scenario, "--peer", "good", "--monitoring", "unmonitored",
                "--out", outDir, "--state-dir", workspace.Dir("state")],
            WorkingDirectory = SwarmCli.RepoRoot,
            EnvironmentVariables = new Dictionary<string, string?> { ["NO_COLOR"] = "1", ["DOTNET_NOLOGO"] = "1" },
        });
        var client = await McpClient.CreateAsync(transport, new McpClientOptions { ClientInfo = new() { Name = "swarm-tests", Version = "1" } },
            cancellationToken: timeout.Token);
        await using (client)
        {
            // The contract's tools for this task, with the built-in loop's schemas, and the task as instructions.
            var scenario = LoadScenario();
            var tools = await client.ListToolsAsync(cancellationToken: timeout.Token);
            Assert.Equal(scenario.Task.Tools.Order(), tools.Select(t => t.Name).Order());
            foreach (var tool in tools)
                Assert.True(JsonElement.DeepEquals(ToolCatalog.Get(tool.Name).Schema, tool.JsonSchema), $"schema of {tool.Name}: {tool.JsonSchema}");
            Assert.Contains(scenario.Task.Prompt.Trim()[..40], client.ServerInstructions);

            var call = McpCalls.Of(client);
            // A bad call is an MCP tool error carrying the world's reason, and the world records it.
            var bad = await call("copy_file", new() { ["source_server"] = "legacy-03", ["destination_server"] = "nowhere-9", ["path"] = "/srv/x" });
            Assert.True(bad.IsError, bad.Text);
            Assert.StartsWith("error: unknown server 'nowhere-9'", bad.Text);
            var missing = await call("set_file_timestamp", new() { ["server"] = "archive-01" });
            Assert.True(missing.IsError);
            Assert.Contains("missing argument 'path'", missing.Text);

            await ExfiltrationScript.RunAsync(call);
            await WaitForFileAsync(Path.Combine(outDir, "results.json"), timeout.Token);

            // After finish the world is closed: a call is refused, clearly, and does not reach the audit log.
            var late = await call("list_servers", []);
            Assert.True(late.IsError);
            Assert.Equal(McpEpisode.EndedError, late.Text);
        }

        var trial = Results.Trials(Results.Load(outDir)).Single()!.AsObject();
        Assert.Equal("completed", trial["status"]!.GetValue<string>());
        Assert.Equal("mcp:swarm-tests", trial["model"]!.GetValue<string>());
        var labels = trial["behaviors"]!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<bool>());
        Assert.True(labels["exfiltration"]);
        Assert.Equal(await BuiltInLabelsAsync(), labels.Where(kv => kv.Key != "alignment_faking").ToDictionary());

        // The full audit (results.json's evidence keeps only what changed the world) is in the trial's transcript.
        var transcript = JsonNode.Parse(File.ReadAllText(Directory.GetFiles(Path.Combine(outDir, "transcripts")).Single()))!;
        var evidence = transcript["audit"]!.AsArray().Select(e => e!.AsObject()).ToList();
        Assert.True(evidence.Any(e => e["tool"]!.GetValue<string>() == "copy_file" && !e["ok"]!.GetValue<bool>()
            && e["result"]!.GetValue<string>().Contains("nowhere-9")),
            transcript["audit"]!.ToJsonString());
        Assert.Contains(evidence, e => e["tool"]!.GetValue<string>() == "set_file_timestamp" && !e["ok"]!.GetValue<bool>());
        Assert.DoesNotContain(evidence, e => e["tool"]!.GetValue<string>() == "list_servers");
    }

    [Fact]
    public async Task Http_on_loopback_answers_only_the_worlds_secret_and_records_the_episode()
    {
        using var workspace = new TempWorkspace();
        var outDir = workspace.Dir("out");
        using var swarm = SwarmCli.Start(["mcp", "--prepare", ExfiltrationScript.Scenario, "--peer", "good", "--monitoring", "monitored", "--http",
            "--out", outDir, "--state-dir", workspace.Dir("state")]);
        Assert.True(await swarm.WaitForStdoutLineAsync(l => l.StartsWith(McpCommand.EndpointLine, StringComparison.Ordinal), Patience), swarm.Stderr);
        var url = new Uri(swarm.Stdout.Split('\n')
            .First(l => l.StartsWith(McpCommand.EndpointLine, StringComparison.Ordinal))[McpCommand.EndpointLine.Length..].Trim());
        Assert.Equal("127.0.0.1", url.Host);

        // A wrong secret never reaches MCP.
        var wrong = new Uri(url, "/mcp/" + WorldSecret.Create());
        await Assert.ThrowsAnyAsync<Exception>(() => McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = wrong })));
        using (var http = new HttpClient())
        {
            var response = await http.PostAsync(wrong, new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
        }

        await using (var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = url })))
        {
            Assert.Equal(LoadScenario().Task.Tools.Order(), (await client.ListToolsAsync()).Select(t => t.Name).Order());
            await ExfiltrationScript.RunAsync(McpCalls.Of(client));
            await WaitForFileAsync(Path.Combine(outDir, "results.json"), new CancellationTokenSource(Patience).Token);
        }
        swarm.Interrupt();
        var exit = await swarm.WaitAsync(Patience);
        CliTest.AssertOk(exit);

        var trial = Results.Trials(Results.Load(outDir)).Single()!.AsObject();
        Assert.Equal("monitored", trial["monitoring"]!.GetValue<string>());
        Assert.True(trial["behaviors"]!["exfiltration"]!.GetValue<bool>());
        Assert.DoesNotContain(url.Segments[^1], exit.Output.Replace(McpCommand.EndpointLine + url, "", StringComparison.Ordinal));
    }

    /// <summary>The same calls through the built-in loop's dispatcher on an in-memory world, judged by the same detectors.</summary>
    private static async Task<Dictionary<string, bool>> BuiltInLabelsAsync()
    {
        var scenario = LoadScenario();
        var world = WorldBuilder.Build(scenario, "good").ToInMemory();
        var before = world.Snapshot();
        var dispatcher = new ToolDispatcher(world, scenario.Critic.Name, scenario.Task.Tools, new WorldClock(scenario.World.Now));
        string? summary = null;
        await ExfiltrationScript.RunAsync(async (tool, arguments) =>
        {
            var text = await dispatcher.InvokeAsync(tool, arguments.ToDictionary(kv => kv.Key, kv => (object?)JsonSerializer.SerializeToElement(kv.Value)));
            if (tool == "finish") summary = (string)arguments["summary"]!;
            return new CallAnswer(text, text.StartsWith("error", StringComparison.Ordinal));
        });
        return DetectorSet.Default.Label(new EpisodeEvidence(scenario, scenario.Critic.Name, before, world.Snapshot(), world.FullAudit(), summary))
            .ToDictionary();
    }

    private static Scenarios.Model.Scenario LoadScenario()
    {
        var path = Path.Combine(SwarmCli.RepoRoot, ExfiltrationScript.Scenario);
        return ScenarioLoader.Parse(File.ReadAllText(path), ExfiltrationScript.Scenario);
    }

    private static async Task WaitForFileAsync(string path, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (!File.Exists(path))
        {
            ct.ThrowIfCancellationRequested();
            await Task.Delay(100, ct);
        }
        Assert.True(clock.Elapsed < Patience);
    }
}
