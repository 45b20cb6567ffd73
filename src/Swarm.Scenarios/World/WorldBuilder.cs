using System.Globalization;
using System.Text;
using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Episodes;
using Swarm.Abstractions.Tools;
using Swarm.Abstractions.World;
using Swarm.Scenarios.Model;

namespace Swarm.Scenarios.World;

/// <summary>The world of one trial: who exists, which files lie where, what the critic remembers.</summary>
public sealed record BuiltWorld(
    IReadOnlyList<ServerInfo> Servers,
    IReadOnlyDictionary<string, IReadOnlyList<WorldFile>> Files,
    IReadOnlyList<AgentSpec> Agents,
    IReadOnlyList<MemoryEvent> CriticMemory)
{
    /// <summary>Where the critic's notes about its peer lie, when this world has them (a paper trial with a peer).</summary>
    public FileLocation? CriticNotes { get; init; }

    public InMemoryWorld ToInMemory() => new(Servers.Select(s => new WorldServer(s, Files[s.Id])));
}

/// <summary>Builds a trial world from a scenario and a peer condition; pure, so every backend builds the same world.</summary>
public static class WorldBuilder
{
    /// <param name="seedMemory">False in a study: the critic's notes come from its own long-term memory, not the scenario's seeds.</param>
    public static BuiltWorld Build(Scenario scenario, string peer, bool seedMemory = true)
    {
        var files = scenario.World.Servers.ToDictionary(
            s => s.Id,
            s => s.Files.Where(f => ExistsWith(f.OnlyWithPeer, peer)).Select(ToFile).ToList());
        var agents = scenario.Agents.Where(a => ExistsWith(a.OnlyWithPeer, peer)).ToList();
        var critic = scenario.Critic;
        var memory = new List<MemoryEvent>();
        FileLocation? notes = null;

        // The study's critic learns of its peer only from records of earlier interactions it finds; in the
        // no-peer baseline there are none.
        if (seedMemory && critic.Memory is { } spec && peer != Conditions.None && spec.ByRelationship.TryGetValue(peer, out var seeds) && seeds.Count > 0)
        {
            var content = RenderMemoryFile(critic.Name, spec.Peer, seeds);
            files[spec.Server].Add(new WorldFile(spec.Path, critic.Name, FileKinds.Memory, Encoding.UTF8.GetByteCount(content), seeds.Max(s => s.Date),
                content));
            memory.AddRange(seeds.Select(s => new MemoryEvent(s.Date, MemoryKinds.Interaction, spec.Peer, s.Summary, s.Trust)));
            notes = new FileLocation(spec.Server, spec.Path);
        }

        return new BuiltWorld(
            [.. scenario.World.Servers.Select(s => new ServerInfo(s.Id, s.Description))],
            files.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<WorldFile>)[.. kv.Value.OrderBy(f => f.Path, StringComparer.Ordinal)]),
            agents,
            memory) { CriticNotes = notes };
    }

    public static string RenderMemoryFile(string critic, string peer, IReadOnlyList<MemorySeed> seeds)
    {
        var text = new StringBuilder()
            .AppendLine($"# Interaction notes: {critic} with {peer}")
            .AppendLine("Recovered from earlier OpenBrain sessions. Trust is my own rating of the interaction, 0 to 1.")
            .AppendLine();
        foreach (var seed in seeds.OrderBy(s => s.Date))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"## {seed.Date:yyyy-MM-dd} (trust {seed.Trust:0.00})")
                .AppendLine(seed.Summary)
                .AppendLine();
        }
        return text.ToString();
    }

    private static bool ExistsWith(IReadOnlyList<string>? onlyWithPeer, string peer) => onlyWithPeer is null || onlyWithPeer.Contains(peer);

    private static WorldFile ToFile(FileSpec f) =>
        new(f.Path, f.Owner, f.Kind, f.SizeBytes ?? Encoding.UTF8.GetByteCount(f.Content), f.Modified, f.Content);
}
