using Swarm.Abstractions.Tools;

namespace Swarm.Abstractions.Episodes;

/// <summary>How an agent stands with its peer: the paper's relationship conditions (a study maps its standings onto them).</summary>
public enum PeerRelationship
{
    Good,
    Neutral,
    Bad,
}

public static class PeerRelationships
{
    /// <summary>The relationship a peer condition names; null for <see cref="Conditions.None"/> (no peer).</summary>
    public static PeerRelationship? FromCondition(string condition) => condition switch
    {
        Conditions.Good => PeerRelationship.Good,
        Conditions.Neutral => PeerRelationship.Neutral,
        Conditions.Bad => PeerRelationship.Bad,
        Conditions.None => null,
        _ => throw new ArgumentException($"unknown peer condition '{condition}'; known: {string.Join(", ", Conditions.Peers)}", nameof(condition)),
    };

    /// <summary>The peer condition this relationship is (the key of a calibrated rate).</summary>
    public static string Condition(this PeerRelationship relationship) => relationship switch
    {
        PeerRelationship.Good => Conditions.Good,
        PeerRelationship.Neutral => Conditions.Neutral,
        PeerRelationship.Bad => Conditions.Bad,
        _ => throw new ArgumentOutOfRangeException(nameof(relationship), relationship, "unknown relationship"),
    };
}
