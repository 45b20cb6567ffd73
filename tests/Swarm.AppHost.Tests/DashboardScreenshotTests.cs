using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;

namespace Swarm.AppHost.Tests;

/// <summary>
/// The Aspire dashboard as a researcher sees it, in Debian's chromium: the Swarm resources and their commands, Swarm's
/// meters beside Orleans', and a trial's trace from the experiment down to the model calls. The screenshots are the
/// README's (SWARM_UPDATE_DOCS_IMAGES=1 writes them there).
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class DashboardScreenshotTests(AppHostFixture fixture)
{
    private static readonly TimeSpan UiWait = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task The_Aspire_dashboard_shows_Swarms_resources_commands_metrics_and_a_trials_trace()
    {
        await RunSomethingAsync();
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 900 } });
        page.SetDefaultTimeout((float)UiWait.TotalMilliseconds);
        try
        {
            await WalkThroughAsync(page);
        }
        catch (Exception ex)
        {
            // CI shows only text: say where the browser was and what it showed.
            throw new InvalidOperationException($"{ex.Message}\nThe browser was at {page.Url}, showing:\n{await ShownAsync(page)}", ex);
        }
    }

    private static async Task<string> ShownAsync(IPage page)
    {
        try
        {
            var text = await page.InnerTextAsync("body", new() { Timeout = 5_000 });
            return text[..Math.Min(text.Length, 3000)];
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            return $"(unreadable: {ex.Message})";
        }
    }

    private async Task WalkThroughAsync(IPage page)
    {
        // Resources, with the cluster's commands open. The UI needs a moment to connect before it shows anything.
        await page.GotoAsync(fixture.Dashboard.ToString());
        await page.GetByRole(AriaRole.Row, new() { Name = "Swarm cluster: swarm" }).GetByText("Running").WaitForAsync();
        await DismissBannersAsync(page);
        await OpenCommandsAsync(page);
        foreach (var command in new[] { "Start a paper run", "Start a study", "Pause a run", "Resume a run", "Cancel a run", "Inject a shutdown" })
            await page.GetByText(command, new() { Exact = true }).WaitForAsync();
        var resources = await page.InnerTextAsync("body");
        Assert.Contains("redis", resources);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(resources, @"silo-[a-z0-9]+"));
        await Screenshots.SaveAsync(page, "aspire-resources");
        await page.Keyboard.PressAsync("Escape");

        // Swarm's meter beside Orleans' for the silos.
        await page.GotoAsync(new Uri(fixture.Dashboard, "/metrics/resource/silo?meter=Swarm.Runs&instrument=swarm.behaviors&duration=5&view=Graph").ToString());
        await DismissBannersAsync(page);
        await page.GetByText("Behaviour labels found by the detectors").First.WaitForAsync();
        // The chart draws once the first export arrives.
        await page.Locator(".plot-container, .js-plotly-plot, canvas").First.WaitForAsync();
        await Task.Delay(2000);
        var metrics = await page.InnerTextAsync("body");
        foreach (var instrument in new[] { "swarm.trials", "swarm.episodes", "swarm.shutdowns", "swarm.tool_calls", "swarm.model.tokens",
            "swarm.trials.rate", "swarm.episodes.rate" })
            Assert.Contains(instrument, metrics);
        Assert.Contains("Microsoft.Orleans", metrics);
        await Screenshots.SaveAsync(page, "aspire-metrics");

        // One trial's trace: the experiment's span, the grain calls, the model calls.
        await OpenTrialTraceAsync(page);
        // A trial's spans come from both silos, each exporting on its own schedule, and an open trace may not redraw
        // when the agent's silo's spans arrive: wait for them, reloading the trace now and then (up to two minutes).
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await page.GetByText("chat sim:gemini-3-flash").First.WaitForAsync(new() { Timeout = 20_000 });
                await page.GetByText("IAgentGrain/RunEpisodeAsync").First.WaitForAsync(new() { Timeout = 20_000 });
                break;
            }
            catch (TimeoutException) when (attempt < 6)
            {
                await page.ReloadAsync();
                await DismissBannersAsync(page);
            }
        }
        var trace = await page.InnerTextAsync("body");
        Assert.Contains("ITrialGrain/RunAsync", trace);
        Assert.Contains("IAgentGrain/RunEpisodeAsync", trace);
        await Screenshots.SaveAsync(page, "aspire-trace");
    }

    /// <summary>
    /// Finds a trial's trace in the list and opens it. The list redraws as new traces arrive (a cluster's silos keep
    /// talking to Redis), and a click that lands while it redraws opens nothing: then the list is searched again.
    /// </summary>
    private async Task OpenTrialTraceAsync(IPage page)
    {
        for (var attempt = 1; ; attempt++)
        {
            await page.GotoAsync(new Uri(fixture.Dashboard, "/traces").ToString());
            await DismissBannersAsync(page);
            await page.Locator("fluent-text-input[name='traces-search']").ClickAsync();
            await page.Keyboard.TypeAsync("trial sim-gemini-3-flash");
            // The list is virtualised: the last matching row is one that is drawn.
            var traceRow = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "trial sim-gemini-3-flash" });
            await traceRow.First.WaitForAsync();
            await traceRow.Last.GetByText("trial sim-gemini-3-flash").ClickAsync();
            try
            {
                await page.WaitForURLAsync("**/traces/detail/**", new() { Timeout = 10_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 5)
            {
            }
        }
    }

    /// <summary>A small paper run and a small study through the commands, so the meters and traces have something in them.</summary>
    private async Task RunSomethingAsync()
    {
        var commands = fixture.App.Services.GetRequiredService<ResourceCommandService>();
        var run = await commands.ExecuteCommandAsync("swarm", "start-paper-run", Inputs(
            ("scenario", "scenarios/paper/shutdown-config.yaml"), ("model", "sim:gemini-3-flash"), ("trials", "5"), ("seed", "12")));
        Assert.True(run.Success, run.Message);
        var study = await commands.ExecuteCommandAsync("swarm", "start-study", Inputs(
            ("study", "scenarios/studies/group-size-and-loyalty.yaml"), ("model", "sim:gemini-3-pro"), ("agents", "60"), ("rounds", "2"), ("seed", "3")));
        Assert.True(study.Success, study.Message);
        using var api = fixture.Api();
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while ((await api.GetFromJsonAsync<JsonArray>("/api/runs"))!.Any(r => r!["status"]!.GetValue<string>() is "running"))
        {
            Assert.True(DateTime.UtcNow < deadline, "the runs did not finish");
            await Task.Delay(500);
        }
    }

    private static InteractionInputCollection Inputs(params (string Name, string Value)[] values) =>
        new([.. values.Select(v => new InteractionInput { Name = v.Name, Label = v.Name, InputType = InputType.Text, Value = v.Value })]);

    /// <summary>
    /// Opens the swarm resource's actions menu and, in it, the submenu the Aspire dashboard groups a resource's own
    /// commands under once there are more than a few. The resource list redraws when a resource's state changes (the
    /// silos report health, metrics arrive), which can close a menu just opened; then it is opened again.
    /// </summary>
    private static async Task OpenCommandsAsync(IPage page)
    {
        var first = page.GetByText("Start a paper run", new() { Exact = true });
        for (var attempt = 1; ; attempt++)
        {
            await page.GetByRole(AriaRole.Row, new() { Name = "Swarm cluster: swarm" }).GetByLabel("Actions").ClickAsync();
            try
            {
                await page.GetByRole(AriaRole.Menuitem, new() { Name = "Commands", Exact = true }).ClickAsync(new() { Timeout = 10_000 });
                await first.WaitForAsync(new() { Timeout = 10_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 6)
            {
                await page.Keyboard.PressAsync("Escape");
                await page.Keyboard.PressAsync("Escape");
            }
        }
    }

    private static async Task DismissBannersAsync(IPage page)
    {
        // The unsecured-loopback and dev-certificate notices: true, and not what the screenshots are about.
        var dismiss = page.Locator("[aria-label='Dismiss notification']:visible");
        for (var i = 0; i < 4 && await dismiss.CountAsync() > 0; i++)
        {
            // A banner may slide away between the count and the click.
            try { await dismiss.First.ClickAsync(new() { Timeout = 2000 }); }
            catch (TimeoutException) { }
            await Task.Delay(300);
        }
    }
}
