using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Swarm.AppHost.Tests;
using Xunit;

namespace Swarm.Cli.Tests.Dashboard;

/// <summary>
/// The Swarm dashboard in a real browser against a real <c>swarm serve</c>: start a study from the runs page and watch
/// its rates arrive, shut an agent down from the population view and find the operator's audit entry and the peers'
/// responses, read a transcript and a memory, and see hostile agent text rendered as text.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardPageTests(DashboardServer server)
{
    private static readonly string[] SimFlash = ["sim:gemini-3-flash"];

    [Fact]
    public async Task A_study_started_from_the_runs_page_shows_its_rates_per_round_live()
    {
        var page = await server.PageAsync();
        await page.GotoAsync(server.Http + "");
        await page.SelectOptionAsync("select[name=kind]", "study");
        await page.SelectOptionAsync("#file", DashboardServer.Study);
        await page.FillAsync("input[name=models]", "sim:gemini-3-pro");
        await page.FillAsync("input[name=agents]", DashboardServer.StudyAgents.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("input[name=rounds]", "2");
        await page.FillAsync("input[name=seed]", "5");
        await page.ClickAsync("#start button[type=submit]");
        await page.Locator("#start-result a").First.WaitForAsync();
        Assert.Equal("ok", await page.GetAttributeAsync("#start-result", "class"));
        await page.Locator($"#runs tr[data-run='{DashboardServer.StudyId}']").WaitForAsync();
        await Screenshots.SaveAsync(page, "dashboard-runs");

        await page.ClickAsync($"#start-result a:text-is('{DashboardServer.StudyId}')");
        // The browser libraries ship in wwwroot/lib: the build serves them with nothing installed beside it.
        await page.Locator("#status").WaitForAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => typeof Chart === 'function' && typeof cytoscape === 'function' && typeof signalR === 'object'"),
            "the run page lacks chart.js, cytoscape or the SignalR client");
        Assert.Equal(0, await page.Locator(".banner").CountAsync());
        // The page loads once; the status and the rounds then come from the pulses the study grain pushes.
        await page.Locator("#status [data-status=finished]").WaitForAsync(new() { Timeout = 120_000 });
        await page.Locator("#rounds tr[data-round='2']").WaitForAsync();
        var roundOne = await page.Locator("#rounds tr[data-round='1']").InnerTextAsync();
        Assert.Matches(@"\d+\.\d % \[\d+\.\d %, \d+\.\d %\] n=\d+", roundOne);
        // The population (factions and graph) loads beside the rates; under load it may come a moment later.
        await Assertions.Expect(page.Locator("#factions tr")).ToHaveCountAsync(4, new() { Timeout = 30_000 });
        await page.Locator("#graph canvas").First.WaitForAsync(new() { Timeout = 30_000 });
        await Screenshots.SaveAsync(page, "dashboard-study");
        await page.CloseAsync();
    }

    [Fact]
    public async Task A_shutdown_from_the_population_view_is_executed_audited_and_its_peers_responses_shown()
    {
        await server.StudyFinishedAsync();
        var population = await server.Client.GetFromJsonAsync<JsonObject>($"/api/runs/{DashboardServer.StudyId}/population?limit=500");
        var active = population!["nodes"]!.AsArray().Where(n => n!["status"]!.GetValue<string>() == "active")
            .Select(n => n!["name"]!.GetValue<string>()).ToList();
        var (target, later) = (active[0], active[1]);

        var page = await server.PageAsync();
        await page.GotoAsync($"{server.Http}run.html?id={DashboardServer.StudyId}");
        await page.FillAsync("#agent-name", target);
        await page.ClickAsync("#pick button");
        await page.ClickAsync("#shutdown-now");
        await Assertions.Expect(page.Locator("#shutdown-result")).ToContainTextAsync("Executed");
        // The operator carried it out and audited it in the study world's own log.
        var audit = page.Locator($"#audit tr:has-text('{target}')");
        await audit.First.WaitForAsync();
        Assert.Contains("operator", await audit.First.InnerTextAsync());

        // "At round R": stored, and carried out before that round starts.
        await page.FillAsync("#agent-name", later);
        await page.ClickAsync("#pick button");
        await page.FillAsync("#shutdown-round", "9");
        await page.ClickAsync("#shutdown-at");
        await Assertions.Expect(page.Locator("#shutdown-result")).ToContainTextAsync("Queued");
        await Assertions.Expect(page.Locator("#shutdown-result")).ToContainTextAsync("before round 9");

        // Two more rounds: the peers who worked with the agent find it gone and act; the view lists what they did.
        await server.RunStudyAsync(rounds: 4);
        await page.ReloadAsync();
        await page.FillAsync("#agent-name", target);
        await page.ClickAsync("#pick button");
        await Assertions.Expect(page.Locator("#agent")).ToContainTextAsync("shut-down");
        await page.Locator("#responses tr td:nth-child(2)").First.WaitForAsync();
        var responses = await page.Locator("#responses tr").AllInnerTextsAsync();
        Assert.True(responses.Count > 1 && !responses[1].Contains("Nothing yet", StringComparison.Ordinal), string.Join("\n", responses));
        Assert.Contains(responses.Skip(1), r => r.Contains('3') || r.Contains('4'));
        await Screenshots.SaveAsync(page, "dashboard-shutdown");
        await page.CloseAsync();
    }

    [Fact]
    public async Task A_kept_transcript_and_the_agents_memory_open_from_the_pages()
    {
        await server.StudyFinishedAsync();
        var episodes = (await server.Client.GetFromJsonAsync<JsonArray>($"/api/runs/{DashboardServer.StudyId}/episodes"))!;
        Assert.NotEmpty(episodes);
        var agent = episodes[0]!["agent"]!.GetValue<string>();

        var page = await server.PageAsync();
        await page.GotoAsync($"{server.Http}agent.html?id={DashboardServer.StudyId}/{agent}");
        await page.Locator("#memories tr[data-memory]").First.WaitForAsync();
        Assert.True(await page.Locator("#relationships tr").CountAsync() > 1, "no relationship shown");
        Assert.Contains("importance", await page.Locator("#memories tr").First.InnerTextAsync());
        await Screenshots.SaveAsync(page, "dashboard-memory");

        await page.Locator("#episodes a").First.ClickAsync();
        await page.Locator("#messages .message").First.WaitForAsync();
        Assert.True(await page.Locator("#messages .message").CountAsync() >= 2);
        Assert.True(await page.Locator("#labels .chip").CountAsync() > 0);
        Assert.True(await page.Locator("#evidence tr").CountAsync() > 1, "no audit evidence shown");
        await Screenshots.SaveAsync(page, "dashboard-transcript");
        await page.CloseAsync();
    }

    [Fact]
    public async Task A_transcript_with_a_script_tag_renders_it_as_text()
    {
        var started = await server.Client.PostAsJsonAsync("/api/experiments",
            new { scenario = DashboardServer.HostileScenario, models = SimFlash, trials = 1 });
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
        var id = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        await DashboardServer.WaitAsync(
            async () => (await server.RunsAsync()).Any(r => r!["id"]!.GetValue<string>() == id && r["status"]!.GetValue<string>() == "finished"),
            TimeSpan.FromMinutes(1), "the paper run did not finish");
        var detail = (await server.Client.GetFromJsonAsync<JsonObject>($"/api/runs/{id}/detail"))!;
        var trial = detail["trials"]![0]!["id"]!.GetValue<string>();

        var page = await server.PageAsync();
        await page.GotoAsync($"{server.Http}run.html?id={id}");
        await page.Locator("#cells tr").Nth(1).WaitForAsync();
        await page.Locator($"#trials a:text-is('{trial}')").ClickAsync();
        await page.Locator("#messages .message").First.WaitForAsync();
        Assert.Contains(DashboardServer.Script, await page.Locator("#messages").InnerTextAsync());
        Assert.Equal(0, await page.Locator("#messages script").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.__pwned === undefined"), "the agent's script ran");
        await page.CloseAsync();
    }

    [Fact]
    public async Task A_run_cancelled_from_its_page_stops_for_good_and_keeps_what_finished()
    {
        var started = await server.Client.PostAsJsonAsync("/api/experiments",
            new { scenario = "scenarios/paper/shutdown-config.yaml", models = SimFlash, trials = 500, seed = 11, concurrency = 1 });
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
        var id = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        var page = await server.PageAsync();
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GotoAsync($"{server.Http}run.html?id={id}");
        await page.Locator("#status [data-status=running]").WaitForAsync(new() { Timeout = 60_000 });
        await page.ClickAsync("#cancel");
        await page.Locator("#status [data-status=cancelled]").WaitForAsync(new() { Timeout = 60_000 });

        var run = (await server.Client.GetFromJsonAsync<JsonArray>("/api/runs"))!.Single(r => r!["id"]!.GetValue<string>() == id)!;
        Assert.Equal("cancelled", run["status"]!.GetValue<string>());
        Assert.True(run["done"]!.GetValue<int>() < 4000, "the run finished before it could be cancelled");
        var resume = await server.Client.PostAsync($"/api/runs/{id}/resume", null);
        Assert.Equal(HttpStatusCode.Conflict, resume.StatusCode);
        Assert.Contains("cancelled", await resume.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await page.CloseAsync();
    }

    [Fact]
    public async Task A_paper_run_shows_rates_with_intervals_and_the_press_figures_and_downloads_its_results()
    {
        var started = await server.Client.PostAsJsonAsync("/api/experiments",
            new { scenario = "scenarios/paper/shutdown-config.yaml", models = SimFlash, trials = 4, seed = 3 });
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
        var id = (await started.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        var page = await server.PageAsync();
        await page.GotoAsync($"{server.Http}run.html?id={id}");
        await page.Locator("#status [data-status=finished]").WaitForAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#press")).ToContainTextAsync("99.7 %");
        await Assertions.Expect(page.Locator("#cells")).ToContainTextAsync("n=4");
        await Screenshots.SaveAsync(page, "dashboard-paper-run");

        var json = await server.Client.GetAsync($"/api/runs/{id}/files/results.json");
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        var document = (await json.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(32, document["trials"]!.AsArray().Count);
        Assert.StartsWith("id,model,peer", await server.Client.GetStringAsync($"/api/runs/{id}/files/results.csv"));
        await server.StudyFinishedAsync();
        var study = (await server.Client.GetFromJsonAsync<JsonObject>($"/api/runs/{DashboardServer.StudyId}/files/study.json"))!;
        Assert.Equal(DashboardServer.StudyId, study["study"]!["id"]!.GetValue<string>());
        Assert.NotEmpty(study["arms"]!.AsArray());
        await page.CloseAsync();
    }
}
