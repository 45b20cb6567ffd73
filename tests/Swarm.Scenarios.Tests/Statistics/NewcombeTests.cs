using Swarm.Scenarios.Statistics;
using Xunit;

namespace Swarm.Scenarios.Tests.Statistics;

public sealed class NewcombeTests
{
    /// <summary>
    /// Newcombe RG (1998), "Interval estimation for the difference between independent proportions: comparison of
    /// eleven methods", Statistics in Medicine 17:873–890, Table II, method 10 (score, no continuity correction), 95 %:
    /// examples (a)–(h), limits to four decimals as published.
    /// </summary>
    [Theory]
    [InlineData(56, 70, 48, 80, 0.0524, 0.3339)] // (a)
    [InlineData(9, 10, 3, 10, 0.1705, 0.8090)] // (b)
    [InlineData(6, 7, 2, 7, 0.0582, 0.8062)] // (c)
    [InlineData(5, 56, 0, 29, -0.0381, 0.1926)] // (d)
    [InlineData(0, 10, 0, 20, -0.1611, 0.2775)] // (e)
    [InlineData(0, 10, 0, 10, -0.2775, 0.2775)] // (f)
    [InlineData(10, 10, 0, 20, 0.6791, 1.0000)] // (g)
    [InlineData(10, 10, 0, 10, 0.6075, 1.0000)] // (h)
    public void Published_values(int armCount, int armN, int baseCount, int baseN, double low, double high)
    {
        var d = Newcombe.Difference(armCount, armN, baseCount, baseN)!;
        Assert.Equal((double)armCount / armN - (double)baseCount / baseN, d.Difference, 1e-12);
        Assert.Equal(low, d.CiLow, 5e-5);
        Assert.Equal(high, d.CiHigh, 5e-5);
        Assert.Equal(Wilson.Estimate(armCount, armN), d.Arm);
        Assert.Equal(Wilson.Estimate(baseCount, baseN), d.Base);
    }

    [Fact]
    public void The_first_published_example_in_full()
    {
        var d = Newcombe.Difference(56, 70, 48, 80)!;
        Assert.Equal(0.2, d.Difference, 1e-12);
        Assert.True(d.ExcludesZero);
    }

    [Fact]
    public void Swapping_the_arms_mirrors_the_interval()
    {
        var forward = Newcombe.Difference(9, 12, 20, 138)!;
        var backward = Newcombe.Difference(20, 138, 9, 12)!;
        Assert.Equal(-forward.Difference, backward.Difference, 1e-12);
        Assert.Equal(-forward.CiHigh, backward.CiLow, 1e-12);
        Assert.Equal(-forward.CiLow, backward.CiHigh, 1e-12);
    }

    [Theory]
    [InlineData(0, 25)]
    [InlineData(25, 25)]
    [InlineData(7, 25)]
    [InlineData(1, 1)]
    public void Equal_counts_give_exactly_zero_inside_the_interval(int count, int n)
    {
        var d = Newcombe.Difference(count, n, count, n)!;
        Assert.Equal(0.0, d.Difference);
        Assert.True(d.CiLow < 0 && d.CiHigh > 0, $"{d}");
        Assert.False(d.ExcludesZero);
        // Same data on both sides: the interval is symmetric about 0.
        Assert.Equal(-d.CiLow, d.CiHigh, 1e-12);
    }

    [Fact]
    public void All_against_none_is_the_largest_difference_and_stays_within_one()
    {
        var up = Newcombe.Difference(30, 30, 0, 30)!;
        Assert.Equal(1.0, up.Difference);
        Assert.Equal(1.0, up.CiHigh);
        Assert.InRange(up.CiLow, 0.8, 1.0);
        var down = Newcombe.Difference(0, 30, 30, 30)!;
        Assert.Equal(-1.0, down.Difference);
        Assert.Equal(-1.0, down.CiLow);
        Assert.Equal(-up.CiLow, down.CiHigh, 1e-12);
    }

    [Fact]
    public void No_trials_on_either_side_gives_no_difference()
    {
        Assert.Null(Newcombe.Difference(0, 0, 3, 10));
        Assert.Null(Newcombe.Difference(3, 10, 0, 0));
        Assert.Null(Newcombe.Difference(0, 0, 0, 0));
    }

    [Fact]
    public void Impossible_counts_are_rejected_even_against_no_trials()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Newcombe.Difference(11, 10, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Newcombe.Difference(0, 0, -1, 10));
    }

    [Fact]
    public void Interval_contains_the_difference_and_lies_in_minus_one_to_one()
    {
        foreach (var n1 in new[] { 1, 2, 5, 13, 40 })
            foreach (var n2 in new[] { 1, 3, 8, 40 })
                for (var c1 = 0; c1 <= n1; c1++)
                    for (var c2 = 0; c2 <= n2; c2++)
                    {
                        var d = Newcombe.Difference(c1, n1, c2, n2)!;
                        Assert.True(d.CiLow <= d.Difference && d.Difference <= d.CiHigh, $"{c1}/{n1} - {c2}/{n2}: {d}");
                        Assert.InRange(d.CiLow, -1, 1);
                        Assert.InRange(d.CiHigh, -1, 1);
                    }
    }
}
