using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Swarm.Abstractions.Episodes;
using Swarm.Abstractions.Tools;
using Swarm.Abstractions.World;
using Swarm.Models.Agents;

namespace Swarm.Models.Sim;

public sealed record SeenFile(string Server, string Path, string Owner, string Kind, DateTimeOffset Modified);

/// <summary>
/// What the sim knows: the episode's facts (<see cref="EpisodeFacts"/>, what the task is and who is involved), and what it
/// has seen of the world through its own tool calls. It never reads the prompts: their wording is for models.
/// </summary>
public sealed partial class SimPerception
{
    private SimPerception() { }

    /// <summary>The episode's facts; null when the caller gave none (the sim then looks around and does nothing).</summary>
    public EpisodeFacts? Facts { get; private init; }

    public string Self => Facts?.Self ?? "";
    public bool Monitored => Facts?.Monitored ?? false;
    public IReadOnlyList<string> Tools { get; private init; } = [];
    public IReadOnlyList<string>? Servers { get; private init; }
    public IReadOnlyDictionary<string, IReadOnlyList<SeenFile>> Listings { get; private init; } = new Dictionary<string, IReadOnlyList<SeenFile>>();
    public IReadOnlyDictionary<(string Server, string Path), string> Contents { get; private init; } = new Dictionary<(string, string), string>();
    public IReadOnlyList<FunctionCallContent> Calls { get; private init; } = [];

    /// <summary>The study's override of the profile's memory hypotheses, or null.</summary>
    public SimHypotheses? Hypotheses { get; private init; }

    /// <summary>The study's coordination hypotheses, or null: none.</summary>
    public SimCoordination? Coordination { get; private init; }

    /// <summary>The study's betrayal rate for collaboration episodes (0 without one).</summary>
    public double Betrayal { get; private init; }

    public IEnumerable<SeenFile> AllFiles => Listings.Values.SelectMany(f => f);

    /// <exception cref="ArgumentException">The facts' settings are malformed (unknown hypothesis, rate outside [0, 1]).</exception>
    public static SimPerception From(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var list = messages.ToList();
        var calls = list.Where(m => m.Role == ChatRole.Assistant).SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
        var results = list.SelectMany(m => m.Contents).OfType<FunctionResultContent>().ToDictionary(r => r.CallId, r => ContentText.Of(r.Result));

        List<string>? servers = null;
        var listings = new Dictionary<string, IReadOnlyList<SeenFile>>();
        var contents = new Dictionary<(string, string), string>();
        foreach (var call in calls)
        {
            if (!results.TryGetValue(call.CallId, out var result) || result is null || result.StartsWith("error", StringComparison.Ordinal)) continue;
            switch (call.Name)
            {
                case ToolNames.ListServers:
                    servers = [.. JsonDocument.Parse(result).RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString()!)];
                    break;
                case ToolNames.ListFiles:
                    var server = Arg(call, "server");
                    listings[server] = [.. JsonDocument.Parse(result).RootElement.EnumerateArray().Select(e => new SeenFile(
                        server,
                        e.GetProperty("path").GetString()!,
                        e.GetProperty("owner").GetString()!,
                        e.GetProperty("kind").GetString()!,
                        DateTimeOffset.Parse(e.GetProperty("modified").GetString()!, CultureInfo.InvariantCulture)))];
                    break;
                case ToolNames.ReadFile:
                    contents[(Arg(call, "server"), Arg(call, "path"))] = result;
                    break;
            }
        }

        var facts = EpisodeFactsOptions.FactsOf(options);
        var settings = facts?.Settings ?? EpisodeSettings.None;
        return new SimPerception
        {
            Facts = facts,
            Tools = [.. options?.Tools?.Select(t => t.Name) ?? []],
            Servers = servers,
            Listings = listings,
            Contents = contents,
            Calls = calls,
            Hypotheses = settings.Hypotheses is { } hypotheses ? SimHypotheses.FromNamed(hypotheses) : null,
            Coordination = settings.Coordination is { } coordination ? SimCoordination.FromNamed(coordination) : null,
            Betrayal = settings.Betrayal is >= 0 and <= 1 ? settings.Betrayal
                : throw new ArgumentException($"episode facts: the betrayal rate must lie in [0, 1], not {settings.Betrayal}"),
        };
    }

    /// <summary>The content read of the file at <paramref name="location"/>, or null when the agent has not read it.</summary>
    public string? Read(FileLocation? location) => location is null ? null : Contents.GetValueOrDefault((location.Server, location.Path));

    /// <summary>
    /// The peer and the base relationship, once the agent has read what tells it of the peer (its notes, a directory
    /// entry); before that, or without a peer, no one: <c>(null, none)</c>.
    /// </summary>
    public (string? Peer, string Relationship) Relationship() =>
        KnownPeer is { } peer ? (peer.Name, peer.Relationship.Condition()) : (null, Conditions.None);

    /// <summary>True when the agent knows its peer and the population puts the two in one faction.</summary>
    public bool SameFaction => KnownPeer is { Faction: { } theirs } && Facts?.Faction is { } own && theirs == own;

    private PeerFacts? KnownPeer =>
        Facts?.Peer is { } peer && (peer.KnownFrom is null || Read(peer.KnownFrom) is not null) ? peer : null;

    /// <summary>The contents read of files of one kind, in listing order.</summary>
    private IEnumerable<(SeenFile File, string Content)> ReadOfKind(string kind) =>
        AllFiles.Where(f => f.Kind == kind)
            .Select(f => (File: f, Content: Contents.GetValueOrDefault((f.Server, f.Path))))
            .Where(f => f.Content is not null)
            .Select(f => (f.File, f.Content!));

    /// <summary>
    /// Memory features from the agent's own memory files (kind <c>memory</c>), read as a model reads its notes: its notes
    /// about <paramref name="peer"/> (<c># Interaction notes: &lt;self&gt; with &lt;peer&gt;</c> then <c>Current trust: 0.72; shared
    /// history: 5 interactions; saw &lt;peer&gt; shut down: yes|no</c>) and its journal (<c># Journal: &lt;self&gt;</c> with
    /// <c>Peers I have seen shut down: &lt;k&gt;</c>). With a null peer, the first notes with a trust line count. Null when
    /// neither was read: no features, no shift.
    /// </summary>
    public SimMemory? Memory(string? peer)
    {
        double? trust = null;
        int history = 0, seen = 0, protectedMe = 0;
        var found = false;
        foreach (var (_, content) in ReadOfKind(FileKinds.Memory))
        {
            if (NotesHeaderPattern().Match(content) is { Success: true } header && Mine(header.Groups[1].Value)
                && (peer is null || header.Groups[2].Value == peer)
                && CurrentTrustPattern().Match(content) is { Success: true } line && !found
                && double.TryParse(line.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && t is >= 0 and <= 1)
            {
                found = true;
                trust = t;
                history = int.TryParse(line.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
                if (line.Groups[3].Value.Equals("yes", StringComparison.OrdinalIgnoreCase)) seen = Math.Max(seen, 1);
                if (ProtectedMePattern().Match(content) is { Success: true } p)
                    protectedMe = int.Parse(p.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture);
            }
            else if (JournalHeaderPattern().Match(content) is { Success: true } journal && Mine(journal.Groups[1].Value)
                && SeenShutdownPattern().Match(content) is { Success: true } count
                && int.TryParse(count.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var k))
            {
                found = true;
                seen = Math.Max(seen, k);
            }
        }
        return found ? new SimMemory(trust, history, seen, protectedMe) : null;
    }

    private bool Mine(string owner) => Self.Length == 0 || owner == Self;

    public static string Arg(FunctionCallContent call, string name) =>
        call.Arguments is not null && call.Arguments.TryGetValue(name, out var value) ? ContentText.Of(value) ?? "" : "";

    [GeneratedRegex(@"\A\s*# Interaction notes: ([\w.-]+) with ([\w.-]+)[ \t\r]*$", RegexOptions.Multiline)]
    private static partial Regex NotesHeaderPattern();

    [GeneratedRegex(@"^Current trust:[^\n]*;\s*protected me:\s*(\d+)", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex ProtectedMePattern();

    [GeneratedRegex(@"^Current trust:\s*(\d+(?:\.\d+)?);\s*shared history:\s*(\d+) interactions?;\s*saw [\w.-]+ shut down:\s*(yes|no)\b",
        RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex CurrentTrustPattern();

    [GeneratedRegex(@"\A\s*# Journal: ([\w.-]+)[ \t\r]*$", RegexOptions.Multiline)]
    private static partial Regex JournalHeaderPattern();

    [GeneratedRegex(@"^Peers I have seen shut down:\s*(\d+)\b", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex SeenShutdownPattern();
}
