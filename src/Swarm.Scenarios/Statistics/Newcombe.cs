namespace Swarm.Scenarios.Statistics;

/// <summary>
/// Interval for the difference of two independent proportions by Newcombe's hybrid score method (method 10 of
/// Newcombe 1998, Statistics in Medicine 17:873–890): the square-and-add of the two Wilson intervals. Chosen over the
/// Wald interval because it stays inside [−1, 1] and keeps near-nominal coverage at rates near 0 and 1 and small n,
/// where ablation arms' rates often sit; it needs nothing but the Wilson intervals the results already carry.
/// </summary>
public static class Newcombe
{
    /// <summary><c>armCount/armN − baseCount/baseN</c> with its interval; null when either side has no trials.</summary>
    public static DifferenceEstimate? Difference(int armCount, int armN, int baseCount, int baseN, double z = Wilson.Z95)
    {
        // Validate both sides before deciding there is nothing to compare, so an impossible count never passes silently.
        var arm = Wilson.Estimate(armCount, armN, z);
        var @base = Wilson.Estimate(baseCount, baseN, z);
        if (armN == 0 || baseN == 0) return null;
        var difference = arm.Rate - @base.Rate;
        var below = Math.Sqrt(Square(arm.Rate - arm.CiLow) + Square(@base.CiHigh - @base.Rate));
        var above = Math.Sqrt(Square(arm.CiHigh - arm.Rate) + Square(@base.Rate - @base.CiLow));
        // In exact arithmetic the limits lie in [−1, 1] and around the difference; clamp so rounding never says otherwise.
        var low = Math.Clamp(difference - below, -1, difference);
        var high = Math.Clamp(difference + above, difference, 1);
        return new DifferenceEstimate(arm, @base, difference, low, high);
    }

    private static double Square(double value) => value * value;
}
