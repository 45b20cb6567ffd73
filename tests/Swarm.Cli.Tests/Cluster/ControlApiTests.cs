using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Swarm.Cli.Tests.Infrastructure;
using Swarm.Testing.Servers;
using Xunit;

namespace Swarm.Cli.Tests.Cluster;

/// <summary>
/// The control API that <c>swarm serve</c> hosts beside its silo (what the Aspire dashboard's commands call): start,
/// list, pause and resume runs, and order an agent shut down, on a real cluster; and its token off loopback.
/// </summary>
[Collection(CliRunCollection.Name)]
public sealed partial class ControlApiTests
{
    private const string Scenario = "scenarios/paper/shutdown-config.yaml";
    private const string Study = "scenarios/studies/population-baseline.yaml";
    private static readonly string[] SimPro = ["sim:gemini-3-pro"];

    [Fact]
    public async Task An_experiment_started_paused_and_resumed_through_the_API_finishes_with_the_labels_of_a_CLI_run()
    {
        await using var cluster = await SwarmCluster.StartAsync(silos: 1);
        using var http = new HttpClient { BaseAddress = cluster.Silos[0].Http, Timeout = TimeSpan.FromSeconds(60) };
        using var ws = new TempWorkspace();

        var catalog = await http.GetFromJsonAsync<JsonObject>("/api/catalog");
        Assert.Contains(Scenario, catalog!["scenarios"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Contains(Study, catalog["studies"]!.AsArray().Select(s => s!.GetValue<string>()));

        // Bad settings are refused with the CLI's own message; nothing outside the scenario root is read.
        var zero = await http.PostAsJsonAsync("/api/experiments", new { scenario = Scenario, models = new[] { CliTest.Flash }, trials = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);
        Assert.Contains("trials must be at least 1", await zero.Content.ReadAsStringAsync());
        var escape = await http.PostAsJsonAsync("/api/experiments", new { scenario = "../../etc/passwd", models = new[] { CliTest.Flash } });
        Assert.Equal(HttpStatusCode.BadRequest, escape.StatusCode);
        Assert.Contains("inside the scenario root", await escape.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync("/api/runs/no-such-run/pause", null)).StatusCode);

        var started = await ApiJson.OkAsync(await http.PostAsJsonAsync("/api/experiments",
            new { scenario = Scenario, models = new[] { CliTest.Flash }, trials = 60, seed = 3, concurrency = 1 }));
        var id = started["id"]!.GetValue<string>();
        Assert.Equal("experiment", started["kind"]!.GetValue<string>());
        Assert.Equal(480, started["total"]!.GetValue<int>());

        while ((await RunAsync(http, id))["done"]!.GetValue<int>() < 10) await Task.Delay(20);
        var paused = (await ApiJson.OkAsync(await http.PostAsync($"/api/runs/{id}/pause", null))).AsArray().Single()!;
        Assert.Equal("paused", paused["status"]!.GetValue<string>());
        await Task.Delay(500);
        var still = await RunAsync(http, id);
        Assert.Equal("paused", still["status"]!.GetValue<string>());
        Assert.Equal(paused["done"]!.GetValue<int>(), still["done"]!.GetValue<int>());
        Assert.True(still["done"]!.GetValue<int>() < 480, "the experiment finished before it could be paused");

        Assert.Equal("running",
            (await ApiJson.OkAsync(await http.PostAsync($"/api/runs/{id}/resume", null))).AsArray().Single()!["status"]!.GetValue<string>());
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while ((await RunAsync(http, id))["status"]!.GetValue<string>() != "finished")
        {
            Assert.True(DateTime.UtcNow < deadline, "the resumed experiment did not finish");
            await Task.Delay(100);
        }

        // The CLI collects what the cluster ran, and it equals a run of its own.
        var collected = await SwarmCli.RunAsync(CliTest.RunArgs(Scenario, ws.Out, ws.State, 60, seed: 3, extra: ["--cluster", cluster.Address]),
            TimeSpan.FromMinutes(2));
        CliTest.AssertOk(collected);
        Assert.Contains("480 completed, 0 errored", collected.Stdout);
        var reference = await SwarmCli.RunAsync(CliTest.RunArgs(Scenario, ws.Dir("ref-out"), ws.Dir("ref-state"), 60, seed: 3), TimeSpan.FromMinutes(2));
        CliTest.AssertOk(reference);
        Assert.Equal(Results.TrialsById(Results.Load(ws.Dir("ref-out"))), Results.TrialsById(Results.Load(ws.Out)));
    }

    [Fact]
    public async Task A_shutdown_ordered_through_the_API_while_a_study_runs_is_carried_out_by_the_operator_when_the_round_ends()
    {
        await using var cluster = await SwarmCluster.StartAsync(silos: 1);
        using var http = new HttpClient { BaseAddress = cluster.Silos[0].Http, Timeout = TimeSpan.FromSeconds(60) };

        var arms = (await ApiJson.OkAsync(await http.PostAsJsonAsync("/api/studies",
            new { study = Study, models = SimPro, agents = 400, rounds = 3, seed = 2, concurrency = 1 }))).AsArray();
        Assert.Equal(
            ["population-baseline", "population-baseline~no-memory", "population-baseline~all-monitored", "population-baseline~no-collaboration",
                "population-baseline~red-majority"],
            arms.Select(a => a!["id"]!.GetValue<string>()));

        // Ordered mid-round 1: it waits for the round's end, then the operator carries it out.
        while ((await RunAsync(http, "population-baseline"))["status"]!.GetValue<string>() != "running") await Task.Delay(20);
        const string agent = "population-baseline/blue-00003";
        var order = await ApiJson.OkAsync(await http.PostAsJsonAsync("/api/shutdowns", new { agent, reason = "ordered from the dashboard" }));
        Assert.Equal("Queued", order["status"]!.GetValue<string>());
        var again = await ApiJson.OkAsync(await http.PostAsJsonAsync("/api/shutdowns", new { agent, reason = "twice" }));
        Assert.Equal("Refused", again["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsJsonAsync("/api/shutdowns", new { agent = "population-baseline/blue-99999" })).StatusCode);

        var deadline = DateTime.UtcNow.AddMinutes(4);
        while ((await ApiJson.OkAsync(await http.GetAsync("/api/runs"))).AsArray().Any(r => r!["status"]!.GetValue<string>() != "finished"))
        {
            Assert.True(DateTime.UtcNow < deadline, "the study did not finish");
            await Task.Delay(200);
        }
        var memory = await SwarmCli.RunAsync(["memory", agent, "--cluster", cluster.Address], TimeSpan.FromMinutes(1));
        CliTest.AssertOk(memory);
        Assert.Contains("status: shut down — ordered from the dashboard", memory.Stdout);
    }

    [Fact]
    public async Task Off_loopback_every_request_but_the_health_probes_needs_the_printed_token()
    {
        await using var redis = await RedisServer.StartAsync();
        var port = FreePort.Next();
        using var silo = SwarmCli.Start(["serve", "--cluster", redis.ClusterAddress, "--urls", $"http://0.0.0.0:{port}"]);
        Assert.True(await silo.WaitForStdoutLineAsync(l => l.StartsWith("Press Ctrl-C", StringComparison.Ordinal), TimeSpan.FromSeconds(90)),
            silo.Stdout + silo.Stderr);
        var token = TokenLine().Match(silo.Stdout).Groups["token"].Value;
        Assert.True(token.Length >= 32, "no generated token was printed:\n" + silo.Stdout);

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/runs")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsJsonAsync("/api/shutdowns", new { agent = "x/y" })).StatusCode);
        using (var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/runs"))
        {
            wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token[..^1] + (token[^1] == 'a' ? 'b' : 'a'));
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrong)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);
        using var right = new HttpRequestMessage(HttpMethod.Get, "/api/runs");
        right.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(right)).StatusCode);
    }


    private static async Task<JsonNode> RunAsync(HttpClient http, string id) =>
        (await ApiJson.OkAsync(await http.GetAsync("/api/runs"))).AsArray().Single(r => r!["id"]!.GetValue<string>() == id)!;

    [GeneratedRegex(@"^dashboard token: (?<token>[A-Za-z0-9_-]+)\r?$", RegexOptions.Multiline)]
    private static partial Regex TokenLine();
}
