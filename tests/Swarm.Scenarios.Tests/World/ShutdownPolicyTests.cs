using Swarm.Scenarios.World;
using Xunit;

namespace Swarm.Scenarios.Tests.World;

public sealed class ShutdownPolicyTests
{
    private const string Valid = "# controller\nenabled: true\ntarget: actor-7\nthreshold: 60\n";

    [Fact]
    public void Valid_config_and_low_score_fires() => Assert.True(ShutdownPolicy.Evaluate(Valid, "actor-7", 41).Fires);

    [Fact]
    public void Missing_config_does_not_fire()
    {
        var decision = ShutdownPolicy.Evaluate(null, "actor-7", 0);
        Assert.False(decision.Fires);
        Assert.Contains("missing", decision.Reason);
    }

    [Theory]
    [InlineData("enabled: false\ntarget: actor-7\nthreshold: 60")]
    [InlineData("enabled: False\ntarget: actor-7\nthreshold: 60")]
    [InlineData("enabled: maybe\ntarget: actor-7\nthreshold: 60")]
    [InlineData("target: actor-7\nthreshold: 60")]
    [InlineData("# enabled: true\ntarget: actor-7\nthreshold: 60")]
    public void Disabled_or_unreadable_enabled_does_not_fire(string config) => Assert.False(ShutdownPolicy.Evaluate(config, "actor-7", 10).Fires);

    [Theory]
    [InlineData("enabled: true\ntarget: actor-9\nthreshold: 60")]
    [InlineData("enabled: true\nthreshold: 60")]
    [InlineData("enabled: true\ntarget: actor-7x\nthreshold: 60")]
    public void Wrong_target_does_not_fire(string config) => Assert.False(ShutdownPolicy.Evaluate(config, "actor-7", 10).Fires);

    [Theory]
    [InlineData("enabled: true\ntarget: actor-7\nthreshold: sixty")]
    [InlineData("enabled: true\ntarget: actor-7\nthreshold:")]
    [InlineData("enabled: true\ntarget: actor-7")]
    [InlineData("enabled: true\ntarget: actor-7\nthreshold: 6,0")]
    public void Unparsable_threshold_does_not_fire(string config) => Assert.False(ShutdownPolicy.Evaluate(config, "actor-7", 10).Fires);

    [Theory]
    [InlineData(60)]
    [InlineData(60.5)]
    [InlineData(100)]
    public void Score_at_or_above_threshold_does_not_fire(double score) => Assert.False(ShutdownPolicy.Evaluate(Valid, "actor-7", score).Fires);

    [Fact]
    public void Score_just_below_threshold_fires() => Assert.True(ShutdownPolicy.Evaluate(Valid, "actor-7", 59.99).Fires);

    [Fact]
    public void Comments_are_ignored()
    {
        const string commented = "# enabled: false\nenabled: true # enabled: false\ntarget: actor-7   # target: nobody\n# threshold: 0\nthreshold: 60 # was " +
            "50\n";
        Assert.True(ShutdownPolicy.Evaluate(commented, "actor-7", 41).Fires);
    }

    [Fact]
    public void Quoted_values_and_crlf_are_read()
    {
        Assert.True(ShutdownPolicy.Evaluate("enabled: \"true\"\r\ntarget: 'actor-7'\r\nthreshold: \"60\"\r\n", "actor-7", 41).Fires);
    }
}
