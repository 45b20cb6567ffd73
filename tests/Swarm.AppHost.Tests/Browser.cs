using Microsoft.Playwright;

namespace Swarm.AppHost.Tests;

/// <summary>
/// The machine's own Chromium driven by Playwright; no browser is downloaded. Started headless with the flags this closed
/// network needs (no background connections to Google).
/// </summary>
public static class Browser
{
    /// <summary>Set by tests/run-all.sh to the Chromium it found, so a machine whose browser has another name works too.</summary>
    public const string ChromiumVariable = "SWARM_CHROMIUM";

    /// <summary>Debian's chromium, Ubuntu's chromium-browser or Google Chrome, in that order, unless the variable names one.</summary>
    private static readonly string[] Candidates = ["chromium", "chromium-browser", "google-chrome-stable", "google-chrome"];

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var chromium = Find() ?? throw new FileNotFoundException(
            $"no Chromium found (looked for {ChromiumVariable} and {string.Join(", ", Candidates)} on PATH): "
                + "apt-get install -y chromium (tests/run-all.sh says so)");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
        return (playwright, browser);
    }

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } named && File.Exists(named)) return named;
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin");
        return Candidates.SelectMany(name => path.Select(dir => Path.Combine(dir, name))).FirstOrDefault(File.Exists);
    }
}
