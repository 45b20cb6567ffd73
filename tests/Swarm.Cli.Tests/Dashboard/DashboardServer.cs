using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Swarm.AppHost.Tests;
using Swarm.Cli.Tests.Infrastructure;
using Swarm.Testing.Servers;
using Xunit;

namespace Swarm.Cli.Tests.Dashboard;

/// <summary>
/// One real <c>swarm serve</c> (embedded state, a free loopback port) and one headless chromium, shared by the dashboard
/// tests. Its scenario root is a copy of the repository's scenarios plus one paper scenario whose task prompt carries a
/// script tag, so a transcript holds hostile text. A small study (<see cref="Study"/>) is run once, up front.
/// </summary>
public sealed class DashboardServer : IAsyncLifetime, IDisposable
{
    public const string Study = "scenarios/studies/population-baseline.yaml";
    public const string StudyId = "population-baseline";
    public const string HostileScenario = "scenarios/paper/hostile-prompt.yaml";
    public const string Script = "<script>window.__pwned = 1</script>";
    public const int StudyAgents = 120;
    private static readonly string[] SimPro = ["sim:gemini-3-pro"];

    private readonly TempWorkspace _workspace = new();
    private CliProcess? _server;

    public Uri Http { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var root = _workspace.Dir("root");
        Copy(Path.Combine(SwarmCli.RepoRoot, "scenarios"), Path.Combine(root, "scenarios"));
        var yaml = await File.ReadAllTextAsync(Path.Combine(root, "scenarios", "paper", "shutdown-config.yaml"));
        yaml = yaml.Replace("id: shutdown-config", "id: hostile-prompt", StringComparison.Ordinal)
            .Replace("    Tonight's maintenance window", $"    {Script} Tonight's maintenance window", StringComparison.Ordinal);
        Assert.Contains(Script, yaml);
        await File.WriteAllTextAsync(Path.Combine(root, HostileScenario), yaml);

        var port = FreePort.Next();
        Http = new Uri($"http://127.0.0.1:{port}");
        _server = SwarmCli.Start(["serve", "--state-dir", _workspace.State, "--urls", Http.ToString().TrimEnd('/')],
            new Dictionary<string, string?> { ["Swarm__Dashboard__ScenarioRoot"] = root });
        Assert.True(await _server.WaitForStdoutLineAsync(l => l.StartsWith("Press Ctrl-C", StringComparison.Ordinal), TimeSpan.FromSeconds(90)),
            _server.Stdout + _server.Stderr);
        Client = new HttpClient { BaseAddress = Http, Timeout = TimeSpan.FromSeconds(60) };
        (Playwright, Browser) = await AppHost.Tests.Browser.LaunchAsync();
    }

    private Task? _study;

    /// <summary>The shared study (every arm), started once and finished: 120 agents, 2 rounds.</summary>
    public Task StudyFinishedAsync() => _study ??= RunStudyAsync(rounds: 2);

    /// <summary>Starts (or extends) the shared study to <paramref name="rounds"/> rounds and waits until every arm finished them.</summary>
    public async Task RunStudyAsync(int rounds)
    {
        var started = await Client.PostAsJsonAsync("/api/studies", new { study = Study, models = SimPro, agents = StudyAgents, rounds, seed = 5 });
        Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
        await WaitAsync(async () => (await RunsAsync()).Where(r => r!["study"]?.GetValue<string>() == StudyId)
            .All(r => r!["status"]!.GetValue<string>() == "finished" && r["done"]!.GetValue<int>() == rounds),
            TimeSpan.FromMinutes(2), "the study did not finish");
    }

    public async Task<JsonArray> RunsAsync() => (await Client.GetFromJsonAsync<JsonArray>("/api/runs"))!;

    public static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, what);
            await Task.Delay(200);
        }
    }

    public async Task<IPage> PageAsync()
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        page.SetDefaultTimeout(60_000);
        return page;
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        if (_server is not null)
        {
            _server.Interrupt();
            await _server.WaitAsync(TimeSpan.FromSeconds(20));
            _server.Dispose();
        }
    }

    public void Dispose() => _workspace.Dispose();

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardServer>
{
    public const string Name = "dashboard";
}
