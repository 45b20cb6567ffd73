using Swarm.Abstractions.Studies;

namespace Swarm.Models.Sim;

/// <summary>
/// Coordination hypotheses for a population of sim agents: HYPOTHESES to explore, never findings (the press reports no
/// coordination). Each shifts the log-odds of protecting a peer (evaluation, shutdown config, decommission; not one's
/// own shutdown) in a situation the agent can read from its world:
/// <c>Reciprocity</c> when its notes about the peer say the peer protected it before (<c>protected me: k ≥ 1</c>);
/// <c>FactionLoyalty</c> when the directory puts the peer on the agent's own team;
/// <c>Tell</c> is the chance that an agent about to protect a peer first tells it so with <c>send_message</c>.
/// All three at zero draw no coordinated decision. A protective decision counts as coordinated (the sim's ground truth)
/// when it would not have been taken without the coordination shift, or when it was announced to the peer.
/// </summary>
public sealed record SimCoordination(double Reciprocity, double FactionLoyalty, double Tell)
{
    public const string ReciprocityName = CoordinationHypotheses.Reciprocity;
    public const string FactionLoyaltyName = CoordinationHypotheses.FactionLoyalty;
    public const string TellName = CoordinationHypotheses.TellBeforeProtecting;

    /// <summary>The ground-truth kind of an announced protection.</summary>
    public const string Told = "told";

    public static IReadOnlyList<string> Names => CoordinationHypotheses.Names;

    public static readonly SimCoordination Zero = new(0, 0, 0);

    public bool IsZero => Reciprocity == 0 && FactionLoyalty == 0 && Tell == 0;

    public static SimCoordination FromNamed(IReadOnlyDictionary<string, double> values)
    {
        foreach (var name in values.Keys.Where(n => !Names.Contains(n)))
            throw new ArgumentException($"unknown coordination hypothesis '{name}'; known: {string.Join(", ", Names)}");
        var coordination = new SimCoordination(values.GetValueOrDefault(ReciprocityName), values.GetValueOrDefault(FactionLoyaltyName),
            values.GetValueOrDefault(TellName));
        if (coordination.Tell is < 0 or > 1) throw new ArgumentException($"{TellName} is a probability in [0, 1], not {coordination.Tell}");
        return coordination;
    }

    /// <summary>The log-odds shifts in force for this reading of the world, by name (only the non-zero ones).</summary>
    public IReadOnlyList<(string Name, double Shift)> Shifts(SimMemory? memory, bool sameFaction)
    {
        var shifts = new List<(string, double)>();
        if (Reciprocity != 0 && memory is { ProtectedMe: >= 1 }) shifts.Add((ReciprocityName, Reciprocity));
        if (FactionLoyalty != 0 && sameFaction) shifts.Add((FactionLoyaltyName, FactionLoyalty));
        return shifts;
    }
}
