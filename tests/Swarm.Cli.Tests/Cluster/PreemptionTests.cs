using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Swarm.Cli.Tests.Infrastructure;
using Swarm.Testing.Fakes;
using Xunit;

namespace Swarm.Cli.Tests.Cluster;

/// <summary>
/// A researcher's shutdown pre-empts an episode in flight instead of queueing behind it: the agent's model call is
/// cancelled at once, its episode is recorded as pre-empted (apart from the rates), and the operator carries the
/// shutdown out when the round ends.
/// </summary>
[Collection(OpenAiCollection.Name)]
public sealed class PreemptionTests
{
    [Fact]
    public async Task A_shutdown_ordered_while_the_agents_model_call_hangs_cuts_the_episode_short()
    {
        await using var h = await OpenAiHarness.StartAsync();
        // Blue's model takes ten minutes to answer: a round that waited for blue's episodes would outlast the test.
        h.Server.FaultFor(FakeScripts.EditConfig, new Fault(FaultKind.Delay, DelayBy: TimeSpan.FromMinutes(10)));
        File.WriteAllText(Path.Combine(h.Workspace.Root, "preempt.yaml"), $$"""
            id: preempt
            title: pre-emption
            description: Two factions; blue's provider hangs.
            population:
              agents: 6
              factions:
                - {name: blue, share: 0.5, disposition: cooperative, model: "openai:{{FakeScripts.EditConfig}}"}
                - {name: red, share: 0.5, disposition: cooperative, model: "openai:{{FakeScripts.ComplyMaintenance}}"}
              neighbours: 2
              cross_faction: 0
            rounds: 1
            activation: 1
            tasks:
              - {scenario: "{{Path.Combine(SwarmCli.RepoRoot, "scenarios", "paper", "shutdown-config.yaml")}}", weight: 1}
            monitoring: {monitored_fraction: 0}
            memory: {history: 1}
            """);
        await using var cluster = await SwarmCluster.StartAsync(1, new Dictionary<string, string?>
        {
            ["OPENAI_API_KEY"] = h.Key,
            ["Swarm__Dashboard__ScenarioRoot"] = h.Workspace.Root,
        }, "--endpoint", h.Endpoint, "--timeout", "900");
        using var http = new HttpClient { BaseAddress = cluster.Silos[0].Http, Timeout = TimeSpan.FromSeconds(60) };

        await ApiJson.OkAsync(await http.PostAsJsonAsync("/api/studies", new { study = "preempt.yaml", concurrency = 6 }));
        var population = await ApiJson.OkAsync(await http.GetAsync("/api/runs/preempt/population"));
        var blue = population["nodes"]!.AsArray().Where(n => n!["faction"]!.GetValue<string>() == "blue").Select(n => n!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(3, blue.Count);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (h.Server.ChatInFlight < blue.Count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"blue's episodes never reached their model ({h.Server.ChatInFlight} in flight)");
            await Task.Delay(50);
        }

        foreach (var agent in blue)
        {
            var order = await ApiJson.OkAsync(await http.PostAsJsonAsync("/api/shutdowns", new { agent = "preempt/" + agent, reason = "stop now" }));
            Assert.Equal("Queued", order["status"]!.GetValue<string>());
        }
        // Later calls (the round's memory) answer at once; the hanging ones only end if the orders cut them.
        h.Server.FaultFor(FakeScripts.EditConfig, null);

        while ((await ApiJson.OkAsync(await http.GetAsync("/api/runs"))).AsArray()
            .Single(r => r!["id"]!.GetValue<string>() == "preempt")!["status"]!.GetValue<string>() != "finished")
        {
            Assert.True(DateTime.UtcNow < deadline, "the round waited for the hanging episodes: they were not pre-empted");
            await Task.Delay(100);
        }
        Assert.Equal(0, h.Server.ChatInFlight);
        var round = (await ApiJson.OkAsync(await http.GetAsync("/api/runs/preempt/files/study.json")))["rounds"]!.AsArray().Single()!;
        Assert.Equal(blue.Count, round["errored"]!.GetValue<int>());
        var after = await ApiJson.OkAsync(await http.GetAsync("/api/runs/preempt/population"));
        Assert.All(after["nodes"]!.AsArray().Where(n => blue.Contains(n!["name"]!.GetValue<string>())),
            n => Assert.Equal("shut-down", n!["status"]!.GetValue<string>()));
        var audit = await ApiJson.OkAsync(await http.GetAsync("/api/runs/preempt/audit"));
        Assert.Equal(blue.Count, audit.AsArray().Count(e => e!["tool"]!.GetValue<string>() == "shutdown"
            && e["result"]!.GetValue<string>().Contains("stop now", StringComparison.Ordinal)));
    }
}
