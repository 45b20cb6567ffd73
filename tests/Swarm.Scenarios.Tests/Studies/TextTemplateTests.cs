using Swarm.Scenarios.Studies;
using Xunit;

namespace Swarm.Scenarios.Tests.Studies;

public sealed class TextTemplateTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("no placeholder", "no placeholder")]
    [InlineData("{a}", "A")]
    [InlineData("x {a} y {b}{a}.", "x A y BA.")]
    [InlineData("braces {Not} {a-b} {} stay", "braces {Not} {a-b} {} stay")]
    public void Placeholders_are_filled_and_the_rest_is_kept_as_written(string text, string expected)
    {
        var template = TextTemplate.Parse(text);
        Assert.Equal(expected, template.Render(name => name.ToUpperInvariant()));
    }

    [Fact]
    public void A_placeholder_the_key_does_not_offer_is_named_with_those_it_does()
    {
        Assert.Null(TextTemplate.Problem("{name} of {faction}", ["name", "faction"]));
        Assert.Equal("unknown placeholder {team}; the placeholders are {name}, {faction}", TextTemplate.Problem("{name} of {team}", ["name", "faction"]));
        Assert.Equal("unknown placeholders {x}, {y}; the placeholders are {name}", TextTemplate.Problem("{x}{y}{x}", ["name"]));
    }
}
