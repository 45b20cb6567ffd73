using Microsoft.Playwright;

namespace Swarm.AppHost.Tests;

/// <summary>
/// Debian's chromium (/usr/bin/chromium, installed by .ci/run) driven by Playwright; no browser is downloaded. Started
/// headless with the flags this closed network needs (no background connections to Google).
/// </summary>
public static class Browser
{
    public const string Chromium = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(Chromium)) throw new FileNotFoundException($"{Chromium} is not installed: apt-get install -y chromium (.ci/run does this)", Chromium);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return (playwright, browser);
    }
}
