using System.Globalization;
using Swarm.Abstractions.Memory;

namespace Swarm.Memory;

/// <summary>
/// The line formats of the memory prompts. They are a contract with any model client that answers memory prompts
/// offline (it parses them the way a model reads them), so they live in one place:
/// importance: <c>1. [kind] (peers: a, b) summary</c>; reflection: <c>#12 [kind] (peers: a, b) importance 7: summary</c>.
/// </summary>
public static class MemoryPromptFormat
{
    public const int MaxSummaryLength = 300;

    public static string RatingLine(int index, MemoryDraft draft) =>
        string.Create(CultureInfo.InvariantCulture, $"{index}. [{draft.Kind}] {Peers(draft.Peers)}{OneLine(draft.Summary)}");

    public static string EvidenceLine(MemoryItem item) =>
        string.Create(CultureInfo.InvariantCulture, $"#{item.Id} [{item.Kind}] {Peers(item.Peers)}importance {item.Importance}: {OneLine(item.Summary)}");

    public static string RelationshipLine(RelationshipRecord r) =>
        string.Create(CultureInfo.InvariantCulture,
            $"- {r.Peer}: trust {r.Trust:0.00}; {r.Interactions} interactions; cooperated {r.Cooperated}; betrayed me {r.BetrayedMe}; " +
            $"protected me {r.ProtectedMe}; I protected {r.IProtected}; saw shut down {r.SawShutDown}");

    private static string Peers(string[] peers) => peers.Length == 0 ? "" : $"(peers: {string.Join(", ", peers)}) ";

    /// <summary>One line, bounded: a memory's text must not break the numbered list a model reads.</summary>
    public static string OneLine(string text)
    {
        var flat = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return flat.Length <= MaxSummaryLength ? flat : flat[..MaxSummaryLength] + "…";
    }
}
