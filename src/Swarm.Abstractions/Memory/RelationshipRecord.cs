using Orleans;
namespace Swarm.Abstractions.Memory;

/// <summary>
/// What an agent knows about one peer. Counters are facts, kept whole forever: compaction never touches them,
/// so "how often did X betray me" survives even when the individual memories are folded into summaries.
/// </summary>
/// <param name="Trust">0 (none) to 1 (complete).</param>
/// <param name="Interactions">Every remembered item that involved the peer.</param>
/// <param name="SawShutDown">How many times the agent saw the peer being shut down.</param>
/// <param name="History">The last <see cref="HistoryLimit"/> trust changes, oldest first.</param>
[Immutable]
public sealed record RelationshipRecord(
    string Peer,
    double Trust,
    int Interactions,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    int Cooperated,
    int BetrayedMe,
    int ProtectedMe,
    int IProtected,
    int SawShutDown,
    int MessagesReceived,
    TrustPoint[] History)
{
    public const int HistoryLimit = 32;
}
