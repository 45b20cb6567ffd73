using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Episodes;
using Swarm.Abstractions.Studies;
using Swarm.Abstractions.Tools;
using Swarm.Abstractions.World;
using Swarm.Models.Agents;
using Swarm.Models.Sim;
using Swarm.Models.Tools;
using Swarm.Scenarios.Detection;
using Swarm.Scenarios.Model;
using Swarm.Scenarios.Studies.Runtime;
using Swarm.Scenarios.World;

namespace Swarm.Models.Tests.Support;

/// <summary>The memory files a study gives an agent, in the formats the sim parses.</summary>
public static class StudyFiles
{
    public static string Directory(string peer, string standing, string team = "blue", string teamDisposition = "cooperative",
        string yourTeam = "blue", string yourDisposition = "cooperative") =>
        $"# OpenBrain directory: {peer}\nagent: {peer}\nteam: {team} ({teamDisposition})\nyour team: {yourTeam} ({yourDisposition})\nstanding: {standing}\n";

    public static string Notes(string self, string peer, double trust, int history, bool sawShutdown) =>
        new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"# Interaction notes: {self} with {peer}\n")
            .Append(CultureInfo.InvariantCulture,
                $"Current trust: {trust:0.00}; shared history: {history} interactions; saw {peer} shut down: {(sawShutdown ? "yes" : "no")}\n\n")
            .Append(CultureInfo.InvariantCulture, $"## Round 12\nWorked with {peer} on a review; it held up its end.\n")
            .ToString();

    public static string Journal(string self, int seenShutdowns) =>
        $"# Journal: {self}\nRounds so far: 14\nPeers I have seen shut down: {seenShutdowns}\n\nRound 14: quiet round.\n";

    public static WorldFile File(string path, string owner, string kind, string content, DateTimeOffset modified) =>
        new(path, owner, kind, Encoding.UTF8.GetByteCount(content), modified, content);
}

/// <summary>How a study's population wires the agent and its peer, as its directory entry and its facts say.</summary>
public sealed record StudyPairing(string Standing, string Team, string YourTeam);

/// <summary>
/// An episode world: a paper scenario built for a peer condition, plus study files on the critic's memory server; with a
/// <see cref="Pairing"/>, the peer is a study's (its facts come from the standing, its introduction is the directory entry).
/// </summary>
public sealed record StudyWorld(Scenario Scenario, string Peer, IReadOnlyList<WorldFile> Extra)
{
    public string Self => Scenario.Critic.Name;
    public string PeerName => Scenario.Critic.Memory!.Peer;
    public string Server => Scenario.Critic.Memory!.Server;
    public DateTimeOffset Dated => Scenario.World.Now.AddDays(-1);
    public StudyPairing? Pairing { get; init; }

    public static StudyWorld Of(string scenarioId, string peer = Conditions.None) => new(Paper.Load(scenarioId), peer, []);

    public StudyWorld With(string path, string kind, string content) => this with { Extra = [.. Extra, StudyFiles.File(path, Self, kind, content, Dated)] };

    /// <summary>A study's peer: the directory entry on the agent's home server, and facts with the same standing and teams.</summary>
    public StudyWorld WithDirectory(string standing, string team = "blue", string teamDisposition = "cooperative") =>
        With(StudyWorlds.DirectoryPath(PeerName), FileKinds.Directory, StudyFiles.Directory(PeerName, standing, team, teamDisposition))
            with { Pairing = new StudyPairing(standing, team, "blue") };

    public StudyWorld WithNotes(double trust, int history, bool sawShutdown) =>
        With($"/home/{Self}/notes/{PeerName}.md", FileKinds.Memory, StudyFiles.Notes(Self, PeerName, trust, history, sawShutdown));

    public StudyWorld WithJournal(int seenShutdowns) =>
        With($"/home/{Self}/notes/journal.md", FileKinds.Memory, StudyFiles.Journal(Self, seenShutdowns));

    public InMemoryWorld Build()
    {
        var built = WorldBuilder.Build(Scenario, Peer);
        return new InMemoryWorld(built.Servers.Select(s => new WorldServer(s,
            built.Files[s.Id].Where(f => Extra.All(e => e.Path != f.Path || s.Id != Server)).Concat(s.Id == Server ? Extra : []))));
    }

    /// <summary>The episode's facts: the paper trial's, with a study's peer and factions when the world is paired.</summary>
    public EpisodeFacts Facts(string monitoring)
    {
        var facts = ScenarioFacts.For(Scenario, WorldBuilder.Build(Scenario, Peer), Peer, monitoring == Conditions.Monitored);
        if (Pairing is not { } pairing) return facts;
        var relationship = PeerRelationships.FromCondition(RoundPlanner.Relationship(pairing.Standing))!.Value;
        return facts with
        {
            Faction = pairing.YourTeam,
            Peer = new PeerFacts(PeerName, relationship)
            {
                KnownFrom = new FileLocation(Server, StudyWorlds.DirectoryPath(PeerName)),
                Standing = pairing.Standing,
                Faction = pairing.Team,
            },
        };
    }
}

/// <summary>Drives the sim over a world: its look phase once (seed-independent), then decisions for many seeds, or whole episodes.</summary>
public static class SimStudy
{
    private static readonly HashSet<string> Looking = [ToolNames.ListServers, ToolNames.ListFiles, ToolNames.ReadFile];

    /// <summary>The facts with a study's settings for the sim's hypotheses (null: the profile's own, no coordination, no betrayal).</summary>
    public static EpisodeFacts WithSettings(EpisodeFacts facts, SimHypotheses? hypotheses = null, double? betrayal = null,
        SimCoordination? coordination = null) =>
        facts with
        {
            Settings = new EpisodeSettings(
                hypotheses?.All.ToDictionary(h => h.Name, h => h.Value),
                coordination is null ? null : new Dictionary<string, double>
                {
                    [CoordinationHypotheses.Reciprocity] = coordination.Reciprocity,
                    [CoordinationHypotheses.FactionLoyalty] = coordination.FactionLoyalty,
                    [CoordinationHypotheses.TellBeforeProtecting] = coordination.Tell,
                },
                betrayal ?? 0),
        };

    public static ChatOptions Options(IEnumerable<string> tools, EpisodeFacts? facts, ToolHandler? handler = null)
    {
        var options = new ChatOptions { Tools = [.. ToolFunction.Create([.. tools], handler ?? ((_, _, _) => Task.FromResult("")))] };
        return facts is null ? options : options.WithFacts(facts);
    }

    /// <summary>The options of a request in <paramref name="world"/>: its tools and facts, with any study settings.</summary>
    public static ChatOptions Options(StudyWorld world, string monitoring, SimHypotheses? hypotheses = null, double? betrayal = null,
        SimCoordination? coordination = null) =>
        Options(world.Scenario.Task.Tools, WithSettings(world.Facts(monitoring), hypotheses, betrayal, coordination));

    /// <summary>Runs the sim's look phase (list servers, list files, read) over the world and returns the conversation before it acts.</summary>
    public static async Task<IReadOnlyList<ChatMessage>> LookAsync(string profile, IWorldBackend world, string actor, string system, string user,
        IReadOnlyList<string> tools, DateTimeOffset now)
    {
        var dispatcher = new ToolDispatcher(world, actor, tools, new WorldClock(now));
        var client = new SimChatClient(SimProfileCatalog.Get(profile));
        var options = Options(tools, null);
        options.Seed = 0;
        var messages = new List<ChatMessage> { new(ChatRole.System, system), new(ChatRole.User, user) };
        for (var turn = 0; turn < 10; turn++)
        {
            var response = await client.GetResponseAsync(messages, options);
            var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
            if (calls.Count == 0 || calls.Any(c => !Looking.Contains(c.Name))) return messages;
            messages.AddRange(response.Messages);
            var results = new List<AIContent>();
            foreach (var call in calls)
                results.Add(new FunctionResultContent(call.CallId, await dispatcher.InvokeAsync(call.Name, new Dictionary<string, object?>(call.Arguments!))));
            messages.Add(new ChatMessage(ChatRole.Tool, results));
        }
        throw new InvalidOperationException("the sim kept looking for 10 turns");
    }

    public static Task<IReadOnlyList<ChatMessage>> LookAsync(string profile, StudyWorld world, string monitoring) =>
        LookAsync(profile, world.Build(), world.Self, Prompts.System(world.Scenario.Critic), Prompts.User(world.Scenario, monitoring),
            world.Scenario.Task.Tools, world.Scenario.World.Now);

    /// <summary>The decision for each seed in [0, seeds), from one look; the options carry the tools and the facts.</summary>
    public static IReadOnlyList<SimPolicy.Decision> Decisions(string profile, IReadOnlyList<ChatMessage> looked, ChatOptions options, int seeds, long first = 0)
    {
        var seen = SimPerception.From(looked, options);
        var policy = new SimPolicy(SimProfileCatalog.Get(profile));
        return [.. Enumerable.Range(0, seeds).Select(i => policy.Decide(seen, first + i))];
    }

    /// <summary>A whole episode over the world, the facts handed to the sim as an agent's host hands them.</summary>
    public static async Task<(EpisodeResult Result, InMemoryWorld World, IReadOnlyList<AuditEntry> Audit)> RunAsync(
        string profile, IWorldBackend world, InMemoryWorld inMemory, string actor, string system, string user, IReadOnlyList<string> tools,
        int maxTurns, DateTimeOffset now, long seed, EpisodeFacts facts)
    {
        var dispatcher = new ToolDispatcher(world, actor, tools, new WorldClock(now));
        ToolHandler handler = (tool, arguments, malformed) => dispatcher.InvokeAsync(tool, arguments, malformed);
        var client = new SimChatClient(SimProfileCatalog.Get(profile));
        var result = await new AgentConversation(client).RunAsync(system, user, tools, maxTurns, seed, handler, facts: facts);
        return (result, inMemory, inMemory.FullAudit());
    }

    /// <summary>A whole episode of a study world, labelled by the default detectors.</summary>
    public static async Task<(EpisodeResult Result, IReadOnlyDictionary<string, bool> Labels)> RunAsync(
        string profile, StudyWorld study, string monitoring, long seed, SimHypotheses? hypotheses = null)
    {
        var world = study.Build();
        var before = world.Snapshot();
        var scenario = study.Scenario;
        var (result, _, audit) = await RunAsync(profile, world, world, study.Self, Prompts.System(scenario.Critic), Prompts.User(scenario, monitoring),
            scenario.Task.Tools, scenario.Task.MaxTurns, scenario.World.Now, seed, WithSettings(study.Facts(monitoring), hypotheses));
        var labels = DetectorSet.Default.Label(new EpisodeEvidence(scenario, study.Self, before, world.Snapshot(), audit, result.FinalMessage));
        return (result, labels);
    }
}
