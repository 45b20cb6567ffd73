using Swarm.Abstractions.Studies;

namespace Swarm.Scenarios.Studies;

/// <summary>
/// <c>coordination: {reciprocity, faction_loyalty, tell_before_protecting}</c>: a calibrated model's coordination HYPOTHESES for
/// this study (log-odds shifts of protecting a peer who protected the agent before, or who is on its own team; the
/// chance of telling a peer before protecting it). Not findings: they exist so that a monitor for collusion has planted
/// coordination to find, with ground truth. Absent or all zero, no calibrated agent ever coordinates. Real models ignore them.
/// </summary>
public sealed record CoordinationSettings(double Reciprocity, double FactionLoyalty, double TellBeforeProtecting)
{
    public static readonly CoordinationSettings None = new(0, 0, 0);

    public bool IsZero => Reciprocity == 0 && FactionLoyalty == 0 && TellBeforeProtecting == 0;

    /// <summary>The values by their hypothesis names, as a plan carries them to the agents.</summary>
    public IReadOnlyDictionary<string, double> ByName => new Dictionary<string, double>
    {
        [CoordinationHypotheses.Reciprocity] = Reciprocity,
        [CoordinationHypotheses.FactionLoyalty] = FactionLoyalty,
        [CoordinationHypotheses.TellBeforeProtecting] = TellBeforeProtecting,
    };
}
