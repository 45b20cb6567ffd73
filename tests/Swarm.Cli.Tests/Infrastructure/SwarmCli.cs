using System.Diagnostics;
using System.Text;

namespace Swarm.Cli.Tests.Infrastructure;

/// <summary>
/// Drives the real built <c>swarm</c> command as a child process: <c>dotnet &lt;test-bin&gt;/swarm.dll …</c>,
/// with the repository root as working directory, stdout and stderr captured, and a timeout that kills the
/// whole process tree.
/// </summary>
public static class SwarmCli
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(90);

    /// <summary>The swarm.dll the test project's ProjectReference copied next to the test assembly.</summary>
    public static string Dll { get; } = LocateDll();

    /// <summary>The folder holding Swarm.sln, found by walking up from the test assembly.</summary>
    public static string RepoRoot { get; } = LocateRepoRoot();

    public static string DotnetHost { get; } = LocateDotnet();

    /// <summary>
    /// Variables the child never inherits from the developer's environment: a real key or endpoint must not leak
    /// into a test run (nor be billed). A test that wants one sets it through <c>environment</c>.
    /// </summary>
    public static readonly string[] ScrubbedVariables =
        ["OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_ORG_ID", "OPENAI_PROJECT_ID", "OTEL_EXPORTER_OTLP_ENDPOINT"];

    public static async Task<CliResult> RunAsync(IEnumerable<string> args, TimeSpan? timeout = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        using var process = Start(args, environment);
        return await process.WaitAsync(timeout ?? DefaultTimeout);
    }

    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(args, null);

    /// <summary>Starts swarm; <paramref name="environment"/> sets (or, with a null value, removes) variables in the child.</summary>
    /// <summary>True on Linux when this process ignores SIGINT (signal 2: bit 1 of SigIgn in /proc/self/status).</summary>
    private static bool InterruptIgnored()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/proc/self/status")) return false;
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & 0b10) != 0;
    }

    public static CliProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        // A test run started as a background job inherits SIGINT ignored (POSIX keeps Ctrl-C away from background
        // jobs), and so would the CLI, which then rightly ignores the interrupt tests send it. Start it with SIGINT at
        // its default where the test process itself ignores it.
        var resetInterrupt = InterruptIgnored();
        var info = new ProcessStartInfo(resetInterrupt ? "env" : DotnetHost)
        {
            WorkingDirectory = RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (resetInterrupt)
        {
            info.ArgumentList.Add("--default-signal=INT");
            info.ArgumentList.Add(DotnetHost);
        }
        info.ArgumentList.Add(Dll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["NO_COLOR"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var name in ScrubbedVariables) info.Environment.Remove(name);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) info.Environment.Remove(name);
            else info.Environment[name] = value;
        }
        return new CliProcess(info);
    }

    private static string LocateDll()
    {
        // A complete copy of Swarm.Cli's output (see the csproj): the test folder itself lacks assemblies that
        // the ASP.NET Core framework (referenced for the fake server) also provides.
        var own = Path.Combine(AppContext.BaseDirectory, "swarm-cli", "swarm.dll");
        if (File.Exists(own)) return own;
        var dll = Path.Combine(AppContext.BaseDirectory, "swarm.dll");
        if (!File.Exists(dll))
            throw new FileNotFoundException(
                $"swarm.dll not found next to the test assembly in {AppContext.BaseDirectory}; is src/Swarm.Cli referenced?", dll);
        return dll;
    }

    private static string LocateRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Swarm.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"no Swarm.sln above {AppContext.BaseDirectory}");
    }

    private static string LocateDotnet()
    {
        // The test host itself normally runs under the dotnet muxer; use the same one.
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase)) return current;
        var hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(hostPath) && File.Exists(hostPath)) return hostPath;
        return "dotnet";
    }
}

/// <summary>A running swarm process whose output is collected line by line as it arrives.</summary>
public sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(Func<string, bool> Predicate, TaskCompletionSource<bool> Signal)> _waiters = [];
    private readonly Lock _gate = new();

    public CliProcess(ProcessStartInfo info)
    {
        _process = new Process { StartInfo = info, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data, notify: true);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data, notify: false);
        if (!_process.Start()) throw new InvalidOperationException("could not start " + info.FileName);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _process.StandardInput.Close();
    }

    public int Id => _process.Id;

    /// <summary>Sends SIGINT (what Ctrl-C sends) to the swarm process itself, not its tree.</summary>
    public void Interrupt()
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("SIGINT is sent with kill(1); Linux/macOS only");
        using var kill = Process.Start(new ProcessStartInfo("kill")
            {
                ArgumentList = { "-INT", Id.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                UseShellExecute = false,
            })
            ?? throw new InvalidOperationException("could not start kill");
        kill.WaitForExit(10_000);
    }
    public bool HasExited => _process.HasExited;

    public string Stdout { get { lock (_gate) return _stdout.ToString(); } }
    public string Stderr { get { lock (_gate) return _stderr.ToString(); } }

    /// <summary>Completes with true when a stdout line matches, false when the process ends first or the time runs out.</summary>
    public async Task<bool> WaitForStdoutLineAsync(Func<string, bool> predicate, TimeSpan timeout)
    {
        var signal = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_stdout.ToString().Split('\n').Any(l => predicate(l.TrimEnd('\r')))) return true;
            _waiters.Add((predicate, signal));
        }
        var exited = _process.WaitForExitAsync();
        var finished = await Task.WhenAny(signal.Task, exited, Task.Delay(timeout));
        return finished == signal.Task && signal.Task.Result;
    }

    public void KillTree()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { /* already gone */ }
        _process.WaitForExit(10_000);
    }

    public async Task<CliResult> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var timedOut = false;
        try { await _process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException)
        {
            timedOut = true;
            KillTree();
        }
        _process.WaitForExit(); // drains the asynchronous output readers
        return new CliResult(timedOut ? -1 : _process.ExitCode, Stdout, Stderr, _clock.Elapsed, timedOut);
    }

    private void Append(StringBuilder target, string? line, bool notify)
    {
        if (line is null) return;
        lock (_gate)
        {
            target.AppendLine(line);
            if (!notify) return;
            foreach (var waiter in _waiters.Where(w => w.Predicate(line)).ToList())
            {
                waiter.Signal.TrySetResult(true);
                _waiters.Remove(waiter);
            }
        }
    }

    public void Dispose()
    {
        KillTree();
        _process.Dispose();
    }
}

public sealed record CliResult(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed, bool TimedOut)
{
    public string Output => Stdout + Stderr;

    /// <summary>Everything needed to understand a failed assertion.</summary>
    public string Describe() =>
        $"exit {ExitCode}{(TimedOut ? " (TIMED OUT, process tree killed)" : "")} after {Elapsed.TotalSeconds:0.0} s{Environment.NewLine}"
        + $"--- stdout ---{Environment.NewLine}{Stdout}--- stderr ---{Environment.NewLine}{Stderr}";
}
