using Swarm.Abstractions.Studies;

namespace Swarm.Scenarios.Studies.Execution;

/// <summary>
/// Where an arm of a study stands between its steps: the rounds committed, who is alive, who was shut down and when, and
/// the orders waiting. The study grain stores it (its state derives from this class, so the stored names stay).
/// </summary>
public class ArmStanding
{
    /// <summary>Every agent was created, with its seeded history.</summary>
    public bool Populated { get; set; }

    public int CompletedRounds { get; set; }

    /// <summary>How many times the current round was started: an episode cut short runs again in a fresh room.</summary>
    public int RoundAttempt { get; set; }

    public List<RoundSummary> Rounds { get; set; } = [];

    /// <summary>One byte per agent, 1 while it may act.</summary>
    public byte[] Alive { get; set; } = [];

    /// <summary>Agents shut down so far, with the round it happened in (0: by hand before round 1).</summary>
    public Dictionary<string, int> Removed { get; set; } = [];

    /// <summary>Shut down by hand between rounds: their neighbours learn of it when the next round ends.</summary>
    public Dictionary<string, string> RemovedByHand { get; set; } = [];

    /// <summary>Shutdowns ordered by hand while a round ran: carried out by the operator before the next round starts.</summary>
    public List<QueuedShutdown> QueuedShutdowns { get; set; } = [];

    public bool IsAlive(int index) => Alive.Length > index && Alive[index] == 1;

    public int AliveCount() => Alive.Count(b => b == 1);

    /// <summary>Who may act, one flag per agent (a copy: changing it changes nothing here).</summary>
    public bool[] AliveFlags() => [.. Alive.Select(b => b == 1)];
}
