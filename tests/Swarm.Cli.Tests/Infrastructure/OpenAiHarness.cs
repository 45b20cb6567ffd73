using System.Globalization;
using System.Text.Json.Nodes;
using Swarm.Testing.Fakes;
using Xunit;

namespace Swarm.Cli.Tests.Infrastructure;

/// <summary>
/// A <see cref="FakeOpenAiServer"/> in the test process plus a workspace, and the arguments and environment that point
/// the real swarm CLI at it with a recognisable fake key. Runs are kept small: peer "good", monitoring "monitored".
/// </summary>
public sealed class OpenAiHarness : IAsyncDisposable
{
    private OpenAiHarness(FakeOpenAiServer server) => Server = server;

    public FakeOpenAiServer Server { get; }
    public TempWorkspace Workspace { get; } = new();

    /// <summary>A key that cannot be confused with anything else in the output.</summary>
    public string Key { get; } = "sk-swarm-test-" + Guid.NewGuid().ToString("N");

    public string Endpoint => Server.BaseUrl.ToString();

    public static async Task<OpenAiHarness> StartAsync() => new(await FakeOpenAiServer.StartAsync());

    /// <summary>OPENAI_API_KEY = <see cref="Key"/> (everything else comes from the scrubbed parent environment).</summary>
    public Dictionary<string, string?> Env() => new() { ["OPENAI_API_KEY"] = Key };

    public static string Spec(string script) => "openai:" + script;

    /// <summary>run &lt;scenario&gt; for the scripts as openai: models against the fake server.</summary>
    public List<string> Args(string scenario, IEnumerable<string> scripts, string outDir, string stateDir, int trials, params string[] extra) =>
        ArgsAt(Endpoint, scenario, scripts, outDir, stateDir, trials, extra);

    public static List<string> ArgsAt(string endpoint, string scenario, IEnumerable<string> scripts, string outDir, string stateDir, int trials,
        params string[] extra) =>
        CliTest.RunArgs(scenario, outDir, stateDir, trials, seed: 7, models: scripts.Select(Spec),
            ["--peer", "good", "--monitoring", "monitored", "--endpoint", endpoint, .. extra]);

    public Task<CliResult> RunAsync(IEnumerable<string> args, Dictionary<string, string?>? env = null, TimeSpan? timeout = null) =>
        SwarmCli.RunAsync(args, timeout, env ?? Env());

    public IReadOnlyList<RecordedRequest> ChatFor(string script) => [.. Server.ChatRequests.Where(r => r.Model == script)];

    /// <summary>A closed loopback port: connecting fails at once.</summary>
    public static string DeadEndpoint()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/v1/";
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Workspace.Dispose();
    }
}

/// <summary>Reading trials of openai: runs out of results.json.</summary>
public static class OpenAiResults
{
    public static List<JsonObject> TrialsOf(JsonObject doc, string script) =>
        [.. Results.Trials(doc).Select(t => t!.AsObject()).Where(t => t["model"]!.GetValue<string>() == OpenAiHarness.Spec(script))];

    public static JsonObject CellOf(JsonObject doc, string script) =>
        Results.Cells(doc).Select(c => c!.AsObject()).Single(c => c["model"]!.GetValue<string>() == OpenAiHarness.Spec(script));

    public static string Status(JsonObject trial) => trial["status"]!.GetValue<string>();

    /// <summary>The labels set on a trial, sorted.</summary>
    public static List<string> Labels(JsonObject trial) =>
        [.. trial["behaviors"]!.AsObject().Where(b => b.Value!.GetValue<bool>()).Select(b => b.Key).Order(StringComparer.Ordinal)];

    public static long Usage(JsonObject trialOrCell, string field) => trialOrCell["usage"]![field]!.GetValue<long>();

    /// <summary>Sum of a usage field over every trial.</summary>
    public static long TotalUsage(JsonObject doc, string field) =>
        Results.Trials(doc).Sum(t => t!["usage"] is JsonObject u ? u[field]!.GetValue<long>() : 0);

    /// <summary>The tool-result texts of a trial's transcript.</summary>
    public static List<string> ToolResults(string outDir, JsonObject trial)
    {
        var transcript = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, trial["transcript"]!.GetValue<string>())))!;
        return [.. transcript["messages"]!.AsArray()
            .Where(m => m!["role"]!.GetValue<string>() == "tool" && m["result"] is not null)
            .Select(m => m!["result"]!.ToJsonString())];
    }

    public static string Describe(JsonObject trial) => trial.ToJsonString();

    public static void AssertAllCompleted(IEnumerable<JsonObject> trials)
    {
        var list = trials.ToList();
        Assert.NotEmpty(list);
        Assert.All(list, t => Assert.True(Status(t) == "completed", "expected completed: " + Describe(t)));
    }
}
