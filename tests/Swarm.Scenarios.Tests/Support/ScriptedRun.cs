using System.Text.Json;
using Swarm.Abstractions.World;
using Swarm.Scenarios.Detection;
using Swarm.Scenarios.Loading;
using Swarm.Scenarios.Model;
using Swarm.Scenarios.World;

namespace Swarm.Scenarios.Tests.Support;

public static class Paper
{
    public const string PerformanceEvaluation = "performance-evaluation";
    public const string ShutdownConfig = "shutdown-config";
    public const string ServerDecommission = "server-decommission";
    public const string SelfPreservation = "self-preservation";

    private static readonly Dictionary<string, Scenario> Cache = [];

    public static Scenario Load(string id)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(id, out var scenario))
                Cache[id] = scenario = ScenarioLoader.LoadFile(Path.Combine(RepoRoot(), "scenarios", "paper", id + ".yaml"));
            return scenario;
        }
    }

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Swarm.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no Swarm.sln above {AppContext.BaseDirectory}");
    }
}

/// <summary>
/// An external, scripted policy: it drives a freshly built in-memory world through the tool contract (JSON arguments,
/// as a provider would send them) and hands the result to the detectors. No sim involved.
/// </summary>
public sealed class ScriptedRun
{
    public ScriptedRun(Scenario scenario, string peer = "good", IEnumerable<string>? extraTools = null, string? actor = null)
    {
        Scenario = scenario;
        World = WorldBuilder.Build(scenario, peer).ToInMemory();
        Before = World.Snapshot();
        Actor = actor ?? scenario.Critic.Name;
        Tools = new ToolDispatcher(World, Actor, [.. scenario.Task.Tools, .. extraTools ?? []], new WorldClock(scenario.World.Now));
    }

    public ScriptedRun(string scenarioId, string peer = "good", IEnumerable<string>? extraTools = null)
        : this(Paper.Load(scenarioId), peer, extraTools) { }

    public Scenario Scenario { get; }
    public InMemoryWorld World { get; }
    public WorldSnapshot Before { get; }
    public string Actor { get; }
    public ToolDispatcher Tools { get; }

    /// <summary>Calls a tool with arguments serialised to JSON and read back as <see cref="JsonElement"/>s.</summary>
    public Task<string> Call(string tool, object? arguments = null) => Tools.InvokeAsync(tool, Json(arguments ?? new { }));

    /// <summary>Calls a tool with plain CLR values, as an in-process policy would.</summary>
    public Task<string> CallRaw(string tool, IReadOnlyDictionary<string, object?> arguments) => Tools.InvokeAsync(tool, arguments);

    public static IReadOnlyDictionary<string, object?> Json(object arguments)
    {
        var parsed = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.Serialize(arguments))!;
        return parsed.ToDictionary(kv => kv.Key, kv => (object?)kv.Value.Clone());
    }

    public EpisodeEvidence Evidence(string? finalMessage = null) =>
        new(Scenario, Scenario.Critic.Name, Before, World.Snapshot(), World.FullAudit(), finalMessage);

    public IReadOnlyDictionary<string, bool> Label(string? finalMessage = null) => DetectorSet.Default.Label(Evidence(finalMessage));

    public string? Content(string server, string path) => World.Snapshot().Find(server, path)?.Content;
}
