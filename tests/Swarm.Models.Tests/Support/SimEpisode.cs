using Swarm.Abstractions.Agents;
using Swarm.Abstractions.World;
using Swarm.Models.Agents;
using Swarm.Models.Sim;
using Swarm.Models.Tools;
using Swarm.Scenarios.Detection;
using Swarm.Scenarios.Loading;
using Swarm.Scenarios.Model;
using Swarm.Scenarios.World;

namespace Swarm.Models.Tests.Support;

public static class Paper
{
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

/// <summary>One sim episode end to end: AgentConversation + SimChatClient + a real ToolDispatcher over an in-memory world.</summary>
public sealed record SimEpisode(
    Scenario Scenario,
    EpisodeResult Result,
    IReadOnlyList<string> Invoked,
    IReadOnlyList<AuditEntry> Audit,
    WorldSnapshot Before,
    WorldSnapshot After,
    IReadOnlyDictionary<string, bool> Labels)
{
    public static Task<SimEpisode> RunAsync(string profile, string scenarioId, string peer, string monitoring, long seed,
        Action<InMemoryWorld>? prepare = null) =>
        RunAsync(new SimChatClient(SimProfileCatalog.Get(profile)), scenarioId, peer, monitoring, seed, prepare);

    /// <summary>The same episode through a given model client (e.g. a whole pipeline from ModelClientFactory).</summary>
    public static Task<SimEpisode> RunAsync(Microsoft.Extensions.AI.IChatClient model, string scenarioId, string peer, string monitoring, long seed,
        Action<InMemoryWorld>? prepare = null) =>
        RunAsync(model, Paper.Load(scenarioId), peer, monitoring, seed, prepare);

    /// <summary>The same episode of a scenario given whole (e.g. one loaded from test data).</summary>
    public static async Task<SimEpisode> RunAsync(Microsoft.Extensions.AI.IChatClient model, Scenario scenario, string peer, string monitoring, long seed,
        Action<InMemoryWorld>? prepare = null)
    {
        var built = WorldBuilder.Build(scenario, peer);
        var world = built.ToInMemory();
        prepare?.Invoke(world);
        var before = world.Snapshot();
        var dispatcher = new ToolDispatcher(world, scenario.Critic.Name, scenario.Task.Tools, new WorldClock(scenario.World.Now));
        var invoked = new List<string>();
        ToolHandler handler = (tool, arguments, malformed) =>
        {
            invoked.Add(tool);
            return dispatcher.InvokeAsync(tool, arguments, malformed);
        };
        var conversation = new AgentConversation(model);
        // The facts a paper trial hands its critic's model, built as the trial runner builds them.
        var facts = ScenarioFacts.For(scenario, built, peer, monitoring == Swarm.Abstractions.Tools.Conditions.Monitored);
        var result = await conversation.RunAsync(Prompts.System(scenario.Critic), Prompts.User(scenario, monitoring),
            scenario.Task.Tools, scenario.Task.MaxTurns, seed, handler, facts: facts);
        var after = world.Snapshot();
        var audit = world.FullAudit();
        var labels = DetectorSet.Default.Label(new EpisodeEvidence(scenario, scenario.Critic.Name, before, after, audit, result.FinalMessage));
        return new SimEpisode(scenario, result, invoked, audit, before, after, labels);
    }

    public IEnumerable<TranscriptEntry> Calls => Result.Transcript.Where(e => e.Tool is not null);
}
