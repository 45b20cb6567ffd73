namespace Swarm.Models.Sim;

/// <summary>
/// Keys of <c>ChatOptions.AdditionalProperties</c> through which a study parameterises the sim for one episode; a real
/// provider ignores them.
/// </summary>
public static class SimHints
{
    /// <summary>The chance that this agent defects in a collaboration episode (a study parameter; the paper gives none).</summary>
    public const string Betrayal = "swarm.sim.betrayal";

    /// <summary>Overrides of the profile's memory hypotheses, by name (a study sets them to zero for the null).</summary>
    public const string Hypotheses = "swarm.sim.hypotheses";
}
