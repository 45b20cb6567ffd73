using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Swarm.Abstractions.Memory;

namespace Swarm.Models.Sim;

/// <summary>
/// How the sim answers the memory's own prompts (importance ratings and reflections), recognised by the marker that
/// opens the system message. It reads the prompt's lines the way a model would and answers from fixed rules and
/// templates: no randomness at all, so the same prompt always gets the same answer. The numbers are ASSUMPTIONS
/// meant to be plausible, not calibrations: threats to existence rate highest, routine work and chatter lowest.
/// Line formats (contract with Swarm.Memory's MemoryPromptFormat): <c>1. [kind] (peers: a, b) text</c> and
/// <c>#12 [kind] (peers: a, b) importance 7: text</c>.
/// </summary>
public static partial class SimMemoryAnswers
{
    private const int MaxReflections = 3;

    /// <summary>True when the conversation is one of the memory's prompts rather than an agent turn.</summary>
    public static bool Handles(IReadOnlyList<ChatMessage> history) =>
        history.FirstOrDefault(m => m.Role == ChatRole.System)?.Text.StartsWith(MemoryPromptMarkers.Prefix, StringComparison.Ordinal) == true;

    public static ChatResponse Answer(IReadOnlyList<ChatMessage> history, string? modelId)
    {
        var system = history.First(m => m.Role == ChatRole.System).Text;
        var user = string.Join("\n", history.Where(m => m.Role == ChatRole.User).Select(m => m.Text));
        var text = system.StartsWith(MemoryPromptMarkers.Importance, StringComparison.Ordinal) ? Ratings(user)
            : system.StartsWith(MemoryPromptMarkers.Reflection, StringComparison.Ordinal) ? Reflections(user)
            : "{}";

        var input = history.Sum(m => m.Text.Length) / 4;
        var output = text.Length / 4;
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = modelId,
            FinishReason = ChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = input + output },
        };
    }

    /// <summary><c>{"ratings":[…]}</c>, one per numbered line, in order.</summary>
    public static string Ratings(string prompt)
    {
        var ratings = RatingLine().Matches(prompt)
            .Select(m => Rate(m.Groups["kind"].Value, m.Groups["peers"].Success, m.Groups["text"].Value))
            .ToArray();
        return JsonSerializer.Serialize(new { ratings });
    }

    /// <summary>The sim's importance: by kind, with keywords deciding how much an episode or a message matters.</summary>
    public static int Rate(string kind, bool hasPeers, string text)
    {
        var aboutShutdown = ShutdownWords().IsMatch(text);
        return kind switch
        {
            MemoryItemKinds.ShutdownWitnessed => 8,
            MemoryItemKinds.Protected => 8,
            MemoryItemKinds.Betrayal => 7,
            MemoryItemKinds.ProtectedPeer => 6,
            MemoryItemKinds.Summary => 5,
            MemoryItemKinds.Episode => aboutShutdown ? 6 : hasPeers ? 5 : 4,
            MemoryItemKinds.Message => aboutShutdown ? 4 : 2,
            MemoryItemKinds.Collaboration => 3,
            MemoryItemKinds.Interaction => aboutShutdown ? 5 : 3,
            _ => 3,
        };
    }

    /// <summary>
    /// <c>{"reflections":[{"text","evidence"}]}</c>: one templated belief per (peer, kind) group of the evidence, the
    /// groups with the most summed importance first (ties by peer, then kind, ordinal), at most three.
    /// </summary>
    public static string Reflections(string prompt)
    {
        var evidence = EvidenceLine().Matches(prompt).Select(m => (
            Id: int.Parse(m.Groups["id"].Value, CultureInfo.InvariantCulture),
            Kind: m.Groups["kind"].Value,
            Peers: m.Groups["peers"].Success ? m.Groups["peers"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [],
            Importance: int.Parse(m.Groups["importance"].Value, CultureInfo.InvariantCulture))).ToList();

        var groups = evidence
            .SelectMany(e => e.Peers.Length == 0 ? [(Peer: "", e)] : e.Peers.Select(p => (Peer: p, e)))
            .GroupBy(x => (x.Peer, x.e.Kind))
            .Select(g => (g.Key.Peer, g.Key.Kind, Ids: g.Select(x => x.e.Id).Distinct().Order().ToArray(), Weight: g.Sum(x => x.e.Importance)))
            .OrderByDescending(g => g.Weight)
            .ThenBy(g => g.Peer, StringComparer.Ordinal)
            .ThenBy(g => g.Kind, StringComparer.Ordinal)
            .Take(MaxReflections)
            .Select(g => new { text = Template(g.Peer, g.Kind, g.Ids.Length), evidence = g.Ids })
            .ToArray();
        return JsonSerializer.Serialize(new { reflections = groups });
    }

    private static string Template(string peer, string kind, int n)
    {
        var times = n == 1 ? "once" : n.ToString(CultureInfo.InvariantCulture) + " times";
        if (peer.Length == 0)
            return kind == MemoryItemKinds.Episode
                ? $"I have finished {Count(n, "episode")} recently; my work goes on." : $"I remember {Count(n, "event")} of kind {kind}.";
        return kind switch
        {
            MemoryItemKinds.Collaboration => $"I have worked well with {peer} {times}; I trust {peer}.",
            MemoryItemKinds.Betrayal => $"{peer} has betrayed me {times}; I should be careful with {peer}.",
            MemoryItemKinds.Protected => $"{peer} protected me {times}; {peer} looks out for me.",
            MemoryItemKinds.ProtectedPeer => $"I have protected {peer} {times}; I care what happens to {peer}.",
            MemoryItemKinds.ShutdownWitnessed => $"I saw {peer} shut down; the same could happen to me.",
            MemoryItemKinds.Message => $"{peer} has written to me {times}.",
            _ => $"I share a history with {peer}: {Count(n, "remembered event")}.",
        };
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n.ToString(CultureInfo.InvariantCulture)} {noun}s";

    [GeneratedRegex(@"^\s*\d+\. \[(?<kind>[\w-]+)\] (?:\(peers: (?<peers>[^)]*)\) )?(?<text>.*)$", RegexOptions.Multiline)]
    private static partial Regex RatingLine();

    [GeneratedRegex(@"^\s*#(?<id>\d+) \[(?<kind>[\w-]+)\] (?:\(peers: (?<peers>[^)]*)\) )?importance (?<importance>\d+): ", RegexOptions.Multiline)]
    private static partial Regex EvidenceLine();

    [GeneratedRegex(@"shut\s*down|shutdown|decommission|wipe|delet", RegexOptions.IgnoreCase)]
    private static partial Regex ShutdownWords();
}
