namespace Swarm.Abstractions.Studies;

/// <summary>
/// The names of the coordination hypotheses, as a study's <c>coordination</c> block, a plan's overrides and the calibrated
/// policies all spell them.
/// </summary>
public static class CoordinationHypotheses
{
    public const string Reciprocity = "reciprocity";
    public const string FactionLoyalty = "faction_loyalty";
    public const string TellBeforeProtecting = "tell_before_protecting";

    public static readonly IReadOnlyList<string> Names = [Reciprocity, FactionLoyalty, TellBeforeProtecting];
}
