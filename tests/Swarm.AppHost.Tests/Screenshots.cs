using Microsoft.Playwright;

namespace Swarm.AppHost.Tests;

/// <summary>
/// Where the dashboard tests put their screenshots: the test's output folder always, and README's docs/images when
/// SWARM_UPDATE_DOCS_IMAGES=1 (how the README's pictures are refreshed).
/// </summary>
public static class Screenshots
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task<byte[]> SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        var png = await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, name + ".png") });
        if (Environment.GetEnvironmentVariable("SWARM_UPDATE_DOCS_IMAGES") == "1")
            await File.WriteAllBytesAsync(Path.Combine(RepoRoot(), "docs", "images", name + ".png"), png);
        return png;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Swarm.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("no Swarm.sln above " + AppContext.BaseDirectory);
    }
}
