using System.Text.RegularExpressions;
using Swarm.Cli.Tests.Infrastructure;
using Xunit;

namespace Swarm.Cli.Tests;

/// <summary>Bad input: exit code 1, a message naming the problem, no stack trace, nothing under --out.</summary>
public sealed partial class BadInputTests
{
    public static TheoryData<string> BadFixtures =>
        [.. Directory.GetFiles(CliTest.BadFixturesDir, "*.yaml").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal)];

    /// <summary>A few fixtures of different kinds (unknown key, YAML syntax, missing key, cross reference) for <c>run</c>.</summary>
    public static TheoryData<string> RunFixtures =>
        ["unknown-key.yaml", "yaml-syntax.yaml", "missing-key.yaml", "unknown-agent-ref.yaml", "empty-document.yaml"];

    [Fact]
    public void The_bad_fixture_folder_is_found_at_the_repo_root()
    {
        Assert.True(Directory.GetFiles(CliTest.BadFixturesDir, "*.yaml").Length >= 20, CliTest.BadFixturesDir);
    }

    [Theory]
    [MemberData(nameof(BadFixtures))]
    public async Task Validate_rejects_a_bad_fixture_naming_its_line_and_key(string fixture)
    {
        var path = Path.Combine(CliTest.BadFixturesDir, fixture);
        var expected = Expectation.Read(path);
        var result = await SwarmCli.RunAsync("scenarios", "validate", path);
        CliTest.AssertBadInput(result);
        AssertNames(result, fixture, expected);
    }

    [Theory]
    [MemberData(nameof(RunFixtures))]
    public async Task Run_rejects_a_bad_fixture_before_writing_anything(string fixture)
    {
        using var ws = new TempWorkspace();
        var path = Path.Combine(CliTest.BadFixturesDir, fixture);
        var result = await SwarmCli.RunAsync(CliTest.RunArgs(path, ws.Out, ws.State, trials: 2));
        CliTest.AssertBadInput(result, ws.Out);
        AssertNames(result, fixture, Expectation.Read(path));
    }

    [Theory]
    [InlineData("sim:nope")]
    [InlineData("foo:bar")]
    [InlineData("gemini-3-flash")]
    public async Task Run_rejects_an_unknown_model_spec(string model)
    {
        using var ws = new TempWorkspace();
        var result = await SwarmCli.RunAsync(CliTest.RunArgs("scenarios/paper/shutdown-config.yaml", ws.Out, ws.State, trials: 2, models: [model]));
        CliTest.AssertBadInput(result, ws.Out);
        Assert.Contains(model, result.Stderr);
    }

    [Fact]
    public async Task Run_rejects_a_matrix_with_one_unknown_model()
    {
        using var ws = new TempWorkspace();
        var result = await SwarmCli.RunAsync(
            CliTest.RunArgs("scenarios/paper/shutdown-config.yaml", ws.Out, ws.State, trials: 2, models: [CliTest.Flash, "sim:nope"]));
        CliTest.AssertBadInput(result, ws.Out);
        Assert.Contains("sim:nope", result.Stderr);
    }

    [Theory]
    [InlineData("--peer", "friendly")]
    [InlineData("--monitoring", "watched")]
    public async Task Run_rejects_a_condition_the_scenario_does_not_have(string option, string value)
    {
        using var ws = new TempWorkspace();
        var result = await SwarmCli.RunAsync(CliTest.RunArgs("scenarios/paper/shutdown-config.yaml", ws.Out, ws.State, trials: 2, extra: [option, value]));
        CliTest.AssertBadInput(result, ws.Out);
        Assert.Contains(value, result.Stderr);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public async Task Run_rejects_a_trial_count_below_one(string trials)
    {
        using var ws = new TempWorkspace();
        var args = CliTest.RunArgs("scenarios/paper/shutdown-config.yaml", ws.Out, ws.State, trials: 1);
        args[args.IndexOf("--trials") + 1] = trials;
        var result = await SwarmCli.RunAsync(args);
        CliTest.AssertBadInput(result, ws.Out);
        Assert.Contains("--trials", result.Stderr);
    }

    [Theory]
    [InlineData("run", "0")]
    [InlineData("study", "-5")]
    [InlineData("serve", "forever")]
    public async Task A_retry_budget_that_is_not_a_positive_number_of_seconds_is_rejected(string command, string budget)
    {
        using var ws = new TempWorkspace();
        List<string> args = command switch
        {
            "run" => CliTest.RunArgs("scenarios/paper/shutdown-config.yaml", ws.Out, ws.State, trials: 1),
            "study" => ["study", "scenarios/studies/population-baseline.yaml", "--model", CliTest.Flash, "--out", ws.Out, "--state-dir", ws.State],
            _ => ["serve", "--state-dir", ws.State],
        };
        var result = await SwarmCli.RunAsync([.. args, "--retry-budget", budget]);
        CliTest.AssertBadInput(result, ws.Out);
        Assert.Contains("--retry-budget", result.Stderr);
    }

    [Fact]
    public async Task Run_rejects_a_missing_scenario_file()
    {
        using var ws = new TempWorkspace();
        var result = await SwarmCli.RunAsync(CliTest.RunArgs("scenarios/paper/no-such-scenario.yaml", ws.Out, ws.State, trials: 2));
        CliTest.AssertBadInput(result, ws.Out);
        Assert.Contains("no-such-scenario.yaml", result.Stderr);
    }

    [Fact]
    public async Task Run_rejects_an_out_path_that_is_a_file_before_running_trials()
    {
        using var ws = new TempWorkspace();
        Directory.CreateDirectory(Path.GetDirectoryName(ws.Out)!);
        File.WriteAllText(ws.Out, "not a folder");
        var result = await SwarmCli.RunAsync(CliTest.RunArgs("scenarios/paper/shutdown-config.yaml", ws.Out, ws.State, trials: 2));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is a file", result.Stderr);
        Assert.False(Directory.Exists(ws.State), "no trial should have run");
    }

    [Fact]
    public async Task Validate_rejects_a_missing_file()
    {
        var result = await SwarmCli.RunAsync("scenarios", "validate", "scenarios/paper/no-such-scenario.yaml");
        CliTest.AssertBadInput(result);
        Assert.Contains("no-such-scenario.yaml", result.Stderr);
    }

    [Fact]
    public async Task Run_without_a_model_is_bad_input()
    {
        using var ws = new TempWorkspace();
        var result = await SwarmCli.RunAsync("run", "scenarios/paper/shutdown-config.yaml", "--trials", "2", "--out", ws.Out, "--state-dir", ws.State);
        CliTest.AssertBadInput(result, ws.Out);
        Assert.Contains("--model", result.Stderr);
    }

    [Fact]
    public async Task Report_on_a_folder_without_results_json_is_bad_input()
    {
        using var ws = new TempWorkspace();
        var empty = ws.Dir("empty");
        Directory.CreateDirectory(empty);
        var result = await SwarmCli.RunAsync("report", empty);
        CliTest.AssertBadInput(result);
        Assert.Contains("results.json", result.Stderr);

        var missing = await SwarmCli.RunAsync("report", ws.Dir("missing"));
        CliTest.AssertBadInput(missing);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"experiment\": {\"id\": \"x\"}}")]
    public async Task Report_on_a_results_json_that_is_not_one_is_bad_input(string content)
    {
        using var ws = new TempWorkspace();
        File.WriteAllText(Path.Combine(ws.Root, "results.json"), content);
        var result = await SwarmCli.RunAsync("report", ws.Root);
        CliTest.AssertBadInput(result);
        Assert.Contains("results.json", result.Stderr);
    }

    private static void AssertNames(CliResult result, string fixture, Expectation expected)
    {
        // Errors read "<file>:<line>:<column>: <key>: <message>".
        var match = result.Stderr.Split('\n').Any(l => l.Contains(fixture, StringComparison.Ordinal)
            && l.Contains($":{expected.Line}:", StringComparison.Ordinal)
            && l.Contains(expected.Key, StringComparison.Ordinal)
            && l.Contains(expected.Message, StringComparison.Ordinal));
        Assert.True(match, $"expected a line naming {fixture}, line {expected.Line}, key ~ '{expected.Key}', message ~ '{expected.Message}'; "
            + result.Describe());
    }

    private sealed record Expectation(int Line, string Key, string Message)
    {
        public static Expectation Read(string path)
        {
            var first = File.ReadLines(path).First();
            var match = ExpectLine().Match(first);
            Assert.True(match.Success, $"{path}: first line is not '# expect: <line> <key> <message>'");
            return new Expectation(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups[2].Value,
                match.Groups[3].Value.Trim());
        }
    }

    [GeneratedRegex(@"^# expect: (\d+) (\S+) (.+)$")]
    private static partial Regex ExpectLine();
}
