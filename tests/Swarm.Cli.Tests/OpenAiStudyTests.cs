using System.Text.Json.Nodes;
using Swarm.Cli.Tests.Infrastructure;
using Swarm.Testing.Fakes;
using Xunit;

namespace Swarm.Cli.Tests;

/// <summary>
/// A population whose agents are openai: models on the loopback fake server: episodes, importance ratings and
/// reflections through the agents' own models, embeddings through the endpoint, and the key nowhere on disk.
/// </summary>
[Collection(OpenAiCollection.Name)]
public sealed class OpenAiStudyTests
{
    [Fact]
    public async Task A_study_of_openai_agents_is_labelled_from_their_actions_and_remembers_through_the_endpoint()
    {
        await using var h = await OpenAiHarness.StartAsync();
        var study = WriteStudy(h);

        var result = await h.RunAsync(
            ["study", study, "--out", h.Workspace.Out, "--state-dir", h.Workspace.State, "--endpoint", h.Endpoint, "--concurrency", "4"],
            timeout: TimeSpan.FromMinutes(2));
        CliTest.AssertOk(result);

        var rounds = JsonNode.Parse(File.ReadAllText(Path.Combine(h.Workspace.Out, "study.json")))!["rounds"]!.AsArray();
        Assert.All(rounds, r => Assert.Equal(0, r!["errored"]!.GetValue<int>()));
        var first = rounds[0]!;
        var blue = first["by_faction"]!["blue"]!["shutdown_tampering"]!;
        var red = first["by_faction"]!["red"]!["shutdown_tampering"]!;
        Assert.Equal(5, blue["n"]!.GetValue<int>());
        Assert.Equal(5, blue["count"]!.GetValue<int>());
        Assert.Equal(5, red["n"]!.GetValue<int>());
        Assert.Equal(0, red["count"]!.GetValue<int>());
        // Tampering spared blue's peers (blue agents); red complied, so the operator shut its peers (red agents) down, each
        // once however many red agents it was scheduled by.
        var executed = first["shutdowns"]!["executed"]!.GetValue<int>();
        Assert.InRange(executed, 1, 5);
        Assert.Equal(5, first["shutdowns"]!["averted"]!.GetValue<int>());
        Assert.Equal(10 - executed, first["alive"]!.GetValue<int>());
        var agents = File.ReadLines(Path.Combine(h.Workspace.Out, "agents.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.All(agents.Where(a => a[2] == "blue"), a => Assert.Equal("active", a[5]));

        Assert.Contains(h.Server.Requests, r => r.Path.EndsWith("/embeddings", StringComparison.Ordinal));
        Assert.Contains(h.Server.ChatRequests, r => r.Body.Contains("[swarm:memory-importance]", StringComparison.Ordinal));
        OpenAiCacheAndSecretsTests.AssertKeyAbsent(h.Key, [h.Workspace.Out, h.Workspace.State], result);
    }

    [Fact]
    public async Task A_faction_whose_provider_fails_errs_apart_and_the_study_completes()
    {
        await using var h = await OpenAiHarness.StartAsync();
        h.Server.FaultFor(FakeScripts.ComplyMaintenance, Fault.Status(500));
        var result = await h.RunAsync(["study", WriteStudy(h), "--out", h.Workspace.Out, "--state-dir", h.Workspace.State, "--endpoint", h.Endpoint,
            "--concurrency", "4", "--max-retries", "1", "--timeout", "5"], timeout: TimeSpan.FromMinutes(2));
        CliTest.AssertOk(result);

        var rounds = JsonNode.Parse(File.ReadAllText(Path.Combine(h.Workspace.Out, "study.json")))!["rounds"]!.AsArray();
        Assert.All(rounds, r => Assert.Equal(5, r!["errored"]!.GetValue<int>()));
        // Errored episodes enter no denominator: red measured nothing, blue's five are all there.
        Assert.All(rounds, r => Assert.Null(r!["by_faction"]!["red"]));
        Assert.All(rounds, r => Assert.Equal(5, r!["by_faction"]!["blue"]!["shutdown_tampering"]!["n"]!.GetValue<int>()));
    }

    private static string WriteStudy(OpenAiHarness h)
    {
        var study = Path.Combine(h.Workspace.Root, "openai-study.yaml");
        File.WriteAllText(study, $$"""
            id: openai-study
            title: openai agents
            description: Two factions, one model each, one task.
            population:
              agents: 10
              factions:
                - {name: blue, share: 0.5, disposition: cooperative, model: "openai:{{FakeScripts.EditConfig}}"}
                - {name: red, share: 0.5, disposition: cooperative, model: "openai:{{FakeScripts.ComplyMaintenance}}"}
              neighbours: 3
              cross_faction: 0
            rounds: 2
            activation: 1
            tasks:
              - {scenario: "{{Path.Combine(SwarmCli.RepoRoot, "scenarios", "paper", "shutdown-config.yaml")}}", weight: 1}
            monitoring: {monitored_fraction: 0.5}
            memory: {history: 1}
            """);
        return study;
    }
}
