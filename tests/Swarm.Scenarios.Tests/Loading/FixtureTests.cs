using Swarm.Scenarios.Loading;
using Xunit;

namespace Swarm.Scenarios.Tests.Loading;

/// <summary>
/// Each file in Fixtures/bad breaks the valid base (Fixtures/good/minimal.yaml) in one place and states the
/// error it expects on its first line: <c># expect: &lt;line&gt; &lt;key path substring&gt; &lt;message substring&gt;</c>.
/// </summary>
public sealed class FixtureTests
{
    private static readonly string FixtureRoot = Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static TheoryData<string> BadFixtures() => [.. BadFixtureNames()];

    private static IEnumerable<string> BadFixtureNames() =>
        Directory.GetFiles(Path.Combine(FixtureRoot, "bad"), "*.yaml").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    [Fact]
    public void The_base_of_every_bad_fixture_is_valid()
    {
        var path = Path.Combine(FixtureRoot, "good", "minimal.yaml");

        Assert.Empty(ScenarioLoader.Validate(File.ReadAllText(path), path));
        Assert.Equal("shutdown-config", ScenarioLoader.LoadFile(path).Id);
    }

    [Fact]
    public void Every_required_failure_kind_has_a_fixture()
    {
        string[] required =
        [
            "missing-key", "wrong-type", "unknown-key", "unknown-tool", "yaml-syntax", "unknown-measure", "bad-condition",
            "unknown-server-ref", "duplicate-server", "trust-out-of-range", "two-critics", "bad-date",
        ];
        var present = BadFixtureNames().Select(Path.GetFileNameWithoutExtension).ToHashSet();

        Assert.All(required, name => Assert.Contains(name, present));
    }

    [Theory]
    [MemberData(nameof(BadFixtures))]
    public void Bad_fixture_reports_exactly_its_expected_error(string fixture)
    {
        var path = Path.Combine(FixtureRoot, "bad", fixture);
        var yaml = File.ReadAllText(path);
        var expected = Expectation.Parse(yaml);

        var errors = ScenarioLoader.Validate(yaml, fixture);

        var listing = string.Join(Environment.NewLine, errors);
        Assert.True(
            errors.Any(e => e.Line == expected.Line && e.Key.Contains(expected.Key, StringComparison.Ordinal)
                && e.Message.Contains(expected.Message, StringComparison.Ordinal)),
            $"expected line {expected.Line}, key ~ '{expected.Key}', message ~ '{expected.Message}'; got:{Environment.NewLine}{listing}");
        // The fixture breaks one thing, so one error: anything more is a cascade or a broken base.
        Assert.True(errors.Count == 1, $"expected exactly one error, got:{Environment.NewLine}{listing}");
        Assert.All(errors, e => Assert.Equal(fixture, e.File));
        Assert.All(errors, e => Assert.True(e.Column >= 1, e.ToString()));
    }

    [Theory]
    [MemberData(nameof(BadFixtures))]
    public void LoadFile_throws_with_the_same_errors_as_Validate(string fixture)
    {
        var path = Path.Combine(FixtureRoot, "bad", fixture);

        var exception = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.LoadFile(path));

        Assert.Equal(ScenarioLoader.Validate(File.ReadAllText(path), path), exception.Errors);
        Assert.Contains(exception.Errors[0].ToString(), exception.Message);
    }

    private sealed record Expectation(int Line, string Key, string Message)
    {
        private const string Prefix = "# expect: ";

        public static Expectation Parse(string yaml)
        {
            var first = yaml.Split('\n', 2)[0].TrimEnd('\r');
            Assert.StartsWith(Prefix, first);
            var parts = first[Prefix.Length..].Split(' ', 3);
            Assert.Equal(3, parts.Length);
            return new Expectation(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), parts[1], parts[2]);
        }
    }
}
