using System.Net;
using Microsoft.Playwright;
using Swarm.AppHost.Tests;
using Swarm.Cli.Tests.Infrastructure;
using Swarm.Testing.Servers;
using Xunit;

namespace Swarm.Cli.Tests.Dashboard;

/// <summary>
/// The dashboard bound off loopback: pages and API refuse a request without the token; a browser signs in on the login
/// page (an anti-forgery-protected form) and then works with the cookie; a cookie-carried change without the
/// anti-forgery token is refused. Also: Orleans' own dashboard answers under /orleans behind the same gate.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardAccessTests(DashboardServer shared)
{
    private const string Token = "test-dashboard-token-0123456789abcdef";

    [Fact]
    public async Task Off_loopback_pages_need_the_token_and_a_browser_signs_in_with_it()
    {
        using var workspace = new TempWorkspace();
        var port = FreePort.Next();
        using var server = SwarmCli.Start(["serve", "--state-dir", workspace.State, "--urls", $"http://0.0.0.0:{port}"],
            new Dictionary<string, string?> { ["Swarm__Dashboard__Token"] = Token });
        Assert.True(await server.WaitForStdoutLineAsync(l => l.StartsWith("Press Ctrl-C", StringComparison.Ordinal), TimeSpan.FromSeconds(90)),
            server.Stdout + server.Stderr);
        var site = $"http://127.0.0.1:{port}";

        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(site) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/runs")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/run.html")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/orleans/")).StatusCode);
        using (var page = new HttpRequestMessage(HttpMethod.Get, "/"))
        {
            page.Headers.Accept.ParseAdd("text/html");
            var answer = await http.SendAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
            Assert.Equal("/login", answer.Headers.Location?.ToString());
        }
        using (var bearer = new HttpRequestMessage(HttpMethod.Get, "/orleans/"))
        {
            bearer.Headers.Authorization = new("Bearer", Token);
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(bearer)).StatusCode);
        }

        var browser = await shared.PageAsync();
        await browser.GotoAsync(site + "/");
        Assert.EndsWith("/login", browser.Url);
        await Screenshots.SaveAsync(browser, "dashboard-login");
        await browser.FillAsync("input[name=token]", "not-the-token");
        await browser.ClickAsync("button[type=submit]");
        await Assertions.Expect(browser.Locator(".error")).ToContainTextAsync("not the dashboard's token");
        await browser.FillAsync("input[name=token]", Token);
        await browser.ClickAsync("button[type=submit]");
        await browser.Locator("#runs").WaitForAsync();
        Assert.Equal(site + "/", browser.Url);

        // Signed in by cookie: reads work; a change must carry the anti-forgery token, which the pages' own calls do.
        var withoutForgeryToken = await browser.EvaluateAsync<int>("async () => (await fetch('/api/runs/none/pause', { method: 'POST' })).status");
        Assert.Equal(400, withoutForgeryToken);
        var withForgeryToken = await browser.EvaluateAsync<int>("""
            async () => {
              const f = await (await fetch('/api/antiforgery')).json();
              return (await fetch('/api/runs/none/pause', { method: 'POST', headers: { [f.header]: f.token } })).status;
            }
            """);
        Assert.Equal(404, withForgeryToken);
        await browser.CloseAsync();
        server.Interrupt();
        await server.WaitAsync(TimeSpan.FromSeconds(20));
    }
}
