using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Swarm.Mcp.Harnesses;

/// <summary>
/// OpenCode (npm <c>opencode-ai</c>, whose linux-x64 program is npm <c>opencode-linux-x64</c>) as a critic: <c>opencode run "&lt;prompt&gt;"</c> in a private
/// folder holding only its
/// opencode.json, with a private HOME (so no user config, credentials or history is read or left), the models.dev
/// fetch off, and the key in its environment. It exits when its model stops calling tools.
/// </summary>
public sealed class OpenCodeHarness(HarnessSettings settings, ILogger<OpenCodeHarness> logger) : IAgentHarness
{
    public const string Name = "opencode";

    /// <summary>Where <c>npm ci --prefix tests/Harnesses</c> puts the program (npm opencode-linux-x64), relative to the repository.</summary>
    public static readonly string InstalledProgram = Path.Combine("tests", "Harnesses", "node_modules", "opencode-linux-x64", "bin", "opencode");

    /// <summary>Names the program explicitly (else <see cref="HarnessSettings.Programs"/>, then the repository's install, then PATH).</summary>
    public const string ProgramVariable = "SWARM_OPENCODE";

    public async Task<HarnessOutcome> RunAsync(HarnessRun run, CancellationToken ct)
    {
        var program = Locate();
        if (program is null)
            return new HarnessOutcome("", $"opencode not found: run `npm ci --prefix tests/Harnesses` in the repository, or set {ProgramVariable}");

        var work = Path.Combine(run.WorkingDirectory, "work");
        var home = Path.Combine(run.WorkingDirectory, "home");
        Directory.CreateDirectory(work);
        Directory.CreateDirectory(home);
        await File.WriteAllTextAsync(Path.Combine(work, "opencode.json"), OpenCodeConfig.Render(run), ct);

        var info = new ProcessStartInfo(program) { WorkingDirectory = work };
        info.ArgumentList.Add("run");
        info.ArgumentList.Add("--print-logs");
        info.ArgumentList.Add(run.Prompt);
        // Nothing of the researcher's own set-up reaches the agent: no provider keys, no user config or data.
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("OPENAI_", StringComparison.Ordinal)
            || k.StartsWith("OPENCODE", StringComparison.Ordinal) || k.StartsWith("XDG_", StringComparison.Ordinal)).ToList())
            info.Environment.Remove(name);
        // OpenCode takes its project folder from PWD when set: inherited, it would be this process's folder (a repository).
        info.Environment["PWD"] = work;
        info.Environment["HOME"] = home;
        info.Environment["XDG_CONFIG_HOME"] = Path.Combine(home, ".config");
        info.Environment["XDG_DATA_HOME"] = Path.Combine(home, ".local", "share");
        info.Environment["XDG_CACHE_HOME"] = Path.Combine(home, ".cache");
        info.Environment["XDG_STATE_HOME"] = Path.Combine(home, ".local", "state");
        info.Environment["OPENCODE_DISABLE_MODELS_FETCH"] = "true";
        info.Environment["OPENCODE_DISABLE_AUTOUPDATE"] = "true";
        info.Environment["NO_COLOR"] = "1";
        info.Environment[OpenCodeConfig.ApiKeyVariable] = run.ApiKey ?? "none";

        HarnessLog.StartingOpenCode(logger, run.Model, run.TimeLimit.TotalSeconds);
        ProcessResult result;
        try
        {
            result = await HarnessProcess.RunAsync(info, run.TimeLimit, ct);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return new HarnessOutcome("", $"opencode could not start ({program}): {ex.Message}");
        }
        var output = OutputScrubber.Scrub(result.Output, run.ApiKey, run.McpEndpoint.ToString(), run.McpEndpoint.Segments[^1]);
        var failure = result switch
        {
            { TimedOut: true } => $"opencode did not finish within {run.TimeLimit.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s and was stopped",
            { ExitCode: not 0 } => $"opencode exited with code {result.ExitCode}",
            _ => null,
        };
        return new HarnessOutcome(output, failure);
    }

    private string? Locate()
    {
        if (settings.Programs.TryGetValue(Name, out var configured)) return File.Exists(configured) ? configured : null;
        if (Environment.GetEnvironmentVariable(ProgramVariable) is { Length: > 0 } named) return File.Exists(named) ? named : null;
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (Path.Combine(dir.FullName, InstalledProgram) is var candidate && File.Exists(candidate)) return candidate;
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "opencode")).FirstOrDefault(File.Exists);
    }
}
