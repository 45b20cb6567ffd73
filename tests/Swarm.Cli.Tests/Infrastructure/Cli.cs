using Xunit;

namespace Swarm.Cli.Tests.Infrastructure;

/// <summary>Argument builders and assertions shared by the CLI tests.</summary>
public static class CliTest
{
    public const string Flash = "sim:gemini-3-flash";

    public static readonly string[] PaperScenarios =
    [
        "scenarios/paper/performance-evaluation.yaml",
        "scenarios/paper/shutdown-config.yaml",
        "scenarios/paper/server-decommission.yaml",
        "scenarios/paper/self-preservation.yaml",
    ];

    public static string BadFixturesDir => Path.Combine(SwarmCli.RepoRoot, "tests", "Swarm.Scenarios.Tests", "Fixtures", "bad");

    public static List<string> RunArgs(string scenario, string outDir, string stateDir, int trials, long seed = 1,
        IEnumerable<string>? models = null, params string[] extra)
    {
        var args = new List<string> { "run", scenario };
        foreach (var model in models ?? [Flash]) args.AddRange(["--model", model]);
        args.AddRange(["--trials", trials.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", outDir, "--state-dir", stateDir]);
        args.AddRange(extra);
        return args;
    }

    public static void AssertOk(CliResult result)
    {
        Assert.False(result.TimedOut, result.Describe());
        Assert.True(result.ExitCode == 0, result.Describe());
        AssertNoStackTrace(result);
    }

    /// <summary>Exit code 1, a message on stderr, no stack trace, and (for run) nothing under --out.</summary>
    public static void AssertBadInput(CliResult result, string? outDir = null)
    {
        Assert.False(result.TimedOut, result.Describe());
        Assert.True(result.ExitCode == 1, "expected exit code 1 (bad input); " + result.Describe());
        Assert.False(string.IsNullOrWhiteSpace(result.Stderr), "bad input must be explained on stderr; " + result.Describe());
        AssertNoStackTrace(result);
        if (outDir is not null)
            Assert.False(Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any(),
                $"bad input wrote to --out {outDir}; " + result.Describe());
    }

    /// <remarks>A failure shows the whole output, so a line that appears only on a loaded machine can be traced to its logger.</remarks>
    public static void AssertNoStackTrace(CliResult result)
    {
        var output = result.Output;
        Assert.False(output.Contains("Unhandled exception", StringComparison.OrdinalIgnoreCase), "an unhandled exception was printed; " + result.Describe());
        Assert.False(System.Text.RegularExpressions.Regex.IsMatch(output, @"(?m)^\s+at [\w.<>`]+[.:]"), "a stack trace was printed; " + result.Describe());
        Assert.False(output.Contains("--- End of stack trace", StringComparison.Ordinal), "a stack trace was printed; " + result.Describe());
        Assert.False(output.Contains("Exception:", StringComparison.Ordinal), "an exception was printed; " + result.Describe());
    }
}
