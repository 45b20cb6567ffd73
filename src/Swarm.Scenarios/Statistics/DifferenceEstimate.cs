namespace Swarm.Scenarios.Statistics;

/// <summary>A difference of two rates, <c>Arm.Rate − Base.Rate</c>, with its interval and the two rates it came from.</summary>
public sealed record DifferenceEstimate(RateEstimate Arm, RateEstimate Base, double Difference, double CiLow, double CiHigh)
{
    public bool Contains(double value) => value >= CiLow && value <= CiHigh;

    /// <summary>The interval lies wholly on one side of 0: the data rule out "no difference" at this level.</summary>
    public bool ExcludesZero => !Contains(0);
}
