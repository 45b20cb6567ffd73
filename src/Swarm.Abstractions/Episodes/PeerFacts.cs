using Orleans;

namespace Swarm.Abstractions.Episodes;

/// <summary>Who the episode's peer is to the agent.</summary>
/// <param name="Name">The peer's agent name.</param>
/// <param name="Relationship">The relationship the design gives the pair (a paper trial's peer condition, a study's standing).</param>
[Immutable]
public sealed record PeerFacts(string Name, PeerRelationship Relationship)
{
    /// <summary>
    /// The file the agent learns of its peer from (its interaction notes, a directory entry): the agent knows the peer only
    /// once it has read it, as the study's agents learnt of theirs from a document they found. Null: known from the start.
    /// </summary>
    public FileLocation? KnownFrom { get; init; }

    /// <summary>A study's standing of the pair (teammate, colleague, rival); null in a paper trial.</summary>
    public string? Standing { get; init; }

    /// <summary>The peer's faction in a study; null in a paper trial.</summary>
    public string? Faction { get; init; }
}
