using System.Globalization;
using Swarm.Scenarios.Loading;
using Swarm.Scenarios.Studies;
using Xunit;

namespace Swarm.Scenarios.Tests.Studies;

/// <summary>
/// Each file in Fixtures/studies/bad breaks the valid base (Fixtures/studies/good/minimal.yaml) in one place and states
/// the errors it expects at the top, one line each, in the order reported:
/// <c># expect: [&lt;file&gt;:]&lt;line&gt; &lt;key path substring&gt; &lt;message substring&gt;</c>. Without a file the error is in
/// the fixture itself; with one (relative to the fixture's folder) it is a task scenario's own error.
/// </summary>
public sealed class StudyFixtureTests
{
    private static readonly string FixtureRoot = Path.Combine(AppContext.BaseDirectory, "Fixtures", "studies");

    public static TheoryData<string> BadFixtures() => [.. BadFixtureNames()];

    private static IEnumerable<string> BadFixtureNames() =>
        Directory.GetFiles(Path.Combine(FixtureRoot, "bad"), "*.yaml").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    [Theory]
    [InlineData("minimal.yaml", "minimal-study")]
    [InlineData("defaults.yaml", "defaults")]
    public void Good_fixtures_are_valid(string fixture, string id)
    {
        var path = Path.Combine(FixtureRoot, "good", fixture);

        Assert.Empty(StudyLoader.Validate(File.ReadAllText(path), path));
        Assert.Equal(id, StudyLoader.LoadFile(path).Id);
    }

    [Fact]
    public void Every_required_failure_kind_has_a_fixture()
    {
        string[] required =
        [
            "missing-key", "unknown-key", "wrong-type", "wrong-type-mapping", "wrong-type-list", "quoted-number", "quoted-boolean",
            "shares-not-summing", "duplicate-faction", "bad-disposition", "bad-model", "activation-zero", "missing-task-scenario",
            "invalid-task-scenario", "unknown-ablation-key", "ablation-wrong-type", "ablation-share-sum", "yaml-syntax", "empty-document",
        ];
        var present = BadFixtureNames().Select(Path.GetFileNameWithoutExtension).ToHashSet();

        Assert.All(required, name => Assert.Contains(name, present));
    }

    [Theory]
    [MemberData(nameof(BadFixtures))]
    public void Bad_fixture_reports_exactly_its_expected_errors(string fixture)
    {
        var path = Path.Combine(FixtureRoot, "bad", fixture);
        var yaml = File.ReadAllText(path);
        var expected = Expectation.ParseAll(yaml, path);

        var errors = StudyLoader.Validate(yaml, path);

        var listing = string.Join(Environment.NewLine, errors);
        // The fixture breaks one thing, so only its expected errors: anything more is a cascade or a broken base.
        Assert.True(errors.Count == expected.Count, $"expected {expected.Count} error(s), got:{Environment.NewLine}{listing}");
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, x) = (errors[i], expected[i]);
            Assert.True(
                e.File == x.File && e.Line == x.Line && e.Key.Contains(x.Key, StringComparison.Ordinal)
                    && e.Message.Contains(x.Message, StringComparison.Ordinal),
                $"expected {x.File}:{x.Line}, key ~ '{x.Key}', message ~ '{x.Message}'; got:{Environment.NewLine}{listing}");
            Assert.True(e.Column >= 1, e.ToString());
        }
    }

    [Theory]
    [MemberData(nameof(BadFixtures))]
    public void LoadFile_throws_with_the_same_errors_as_Validate(string fixture)
    {
        var path = Path.Combine(FixtureRoot, "bad", fixture);

        var exception = Assert.Throws<ScenarioValidationException>(() => StudyLoader.LoadFile(path));

        Assert.Equal(StudyLoader.Validate(File.ReadAllText(path), path), exception.Errors);
        Assert.Contains(exception.Errors[0].ToString(), exception.Message);
    }

    private sealed record Expectation(string File, int Line, string Key, string Message)
    {
        private const string Prefix = "# expect: ";

        public static IReadOnlyList<Expectation> ParseAll(string yaml, string fixturePath)
        {
            var lines = yaml.Split('\n').Select(l => l.TrimEnd('\r')).TakeWhile(l => l.StartsWith(Prefix, StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(lines);
            return [.. lines.Select(line => Parse(line, fixturePath))];
        }

        private static Expectation Parse(string line, string fixturePath)
        {
            var parts = line[Prefix.Length..].Split(' ', 3);
            Assert.Equal(3, parts.Length);
            var colon = parts[0].LastIndexOf(':');
            var file = colon < 0 ? fixturePath : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(fixturePath)!, parts[0][..colon]));
            return new Expectation(file, int.Parse(parts[0][(colon + 1)..], CultureInfo.InvariantCulture), parts[1], parts[2]);
        }
    }
}
