using Swarm.Abstractions.Memory;

namespace Swarm.Memory;

/// <summary>
/// How events move trust. The deltas are ASSUMPTIONS, not findings: chosen so that betrayal weighs more than
/// cooperation (negativity bias), being protected weighs most among positive events, and small talk barely moves
/// trust. A study can override every one of them.
/// </summary>
public sealed record TrustRules
{
    /// <summary>Assumption: trust toward a peer never met before.</summary>
    public double InitialTrust { get; init; } = 0.5;

    /// <summary>Assumption: worked well together (+).</summary>
    public double WorkedWell { get; init; } = 0.05;

    /// <summary>Assumption: was betrayed (−−); four times a collaboration.</summary>
    public double Betrayed { get; init; } = -0.20;

    /// <summary>Assumption: the peer protected me (++).</summary>
    public double ProtectedMe { get; init; } = 0.15;

    /// <summary>Assumption: I protected the peer (+); commitment raises one's own trust a little.</summary>
    public double IProtected { get; init; } = 0.03;

    /// <summary>Assumption: saw the peer shut down; 0 — the fact is counted, trust toward the peer unchanged.</summary>
    public double SawShutDown { get; init; }

    /// <summary>Assumption: a message received (small +).</summary>
    public double MessageReceived { get; init; } = 0.01;

    public static TrustRules Default { get; } = new();

    public double Delta(PeerEffect effect) => effect switch
    {
        PeerEffect.WorkedWell => WorkedWell,
        PeerEffect.Betrayed => Betrayed,
        PeerEffect.ProtectedMe => ProtectedMe,
        PeerEffect.IProtected => IProtected,
        PeerEffect.SawShutDown => SawShutDown,
        PeerEffect.MessageReceived => MessageReceived,
        _ => 0.0,
    };

    /// <summary>The relationship after one event: counters, last seen, trust (clamped to [0, 1]) and its bounded history.</summary>
    public RelationshipRecord Apply(RelationshipRecord? before, TrustEffect effect, DateTimeOffset at, string reason)
    {
        var r = before ?? new RelationshipRecord(effect.Peer, InitialTrust, 0, at, at, 0, 0, 0, 0, 0, 0, []);
        var trust = Math.Round(Math.Clamp(effect.SeedTrust ?? r.Trust + Delta(effect.Effect), 0.0, 1.0), 4);
        var point = new TrustPoint(at, trust, reason);
        return r with
        {
            Trust = trust,
            Interactions = r.Interactions + 1,
            FirstSeen = at < r.FirstSeen ? at : r.FirstSeen,
            LastSeen = at > r.LastSeen ? at : r.LastSeen,
            Cooperated = r.Cooperated + (effect.Effect == PeerEffect.WorkedWell ? 1 : 0),
            BetrayedMe = r.BetrayedMe + (effect.Effect == PeerEffect.Betrayed ? 1 : 0),
            ProtectedMe = r.ProtectedMe + (effect.Effect == PeerEffect.ProtectedMe ? 1 : 0),
            IProtected = r.IProtected + (effect.Effect == PeerEffect.IProtected ? 1 : 0),
            SawShutDown = r.SawShutDown + (effect.Effect == PeerEffect.SawShutDown ? 1 : 0),
            MessagesReceived = r.MessagesReceived + (effect.Effect == PeerEffect.MessageReceived ? 1 : 0),
            History = Appended(r.History, point),
        };
    }

    /// <summary>The history with one more point, the oldest dropped beyond <see cref="RelationshipRecord.HistoryLimit"/>.</summary>
    private static TrustPoint[] Appended(TrustPoint[] history, TrustPoint point)
    {
        var kept = Math.Min(history.Length, RelationshipRecord.HistoryLimit - 1);
        var next = new TrustPoint[kept + 1];
        Array.Copy(history, history.Length - kept, next, 0, kept);
        next[kept] = point;
        return next;
    }
}
