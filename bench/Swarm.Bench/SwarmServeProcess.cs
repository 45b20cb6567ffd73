using System.Diagnostics;

namespace Swarm.Bench;

/// <summary>One <c>swarm serve --cluster …</c> silo process, started from the built CLI and killed on dispose.</summary>
public sealed class SwarmServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<string> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly System.Text.StringBuilder _output = new();

    private SwarmServeProcess(Process process) => _process = process;

    /// <summary>The CLI built beside this bench, in the same configuration (the bench project builds it).</summary>
    public static string SwarmDll(string root)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var dll = Path.Combine(root, "src", "Swarm.Cli", "bin", configuration, "net10.0", "swarm.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"build the CLI first: dotnet build -c {configuration} src/Swarm.Cli", dll);
    }

    public static async Task<SwarmServeProcess> StartAsync(string swarmDll, string clusterAddress)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { swarmDll, "serve", "--cluster", clusterAddress }) info.ArgumentList.Add(arg);
        info.Environment["DOTNET_NOLOGO"] = "1";
        var silo = new SwarmServeProcess(Process.Start(info) ?? throw new InvalidOperationException("could not start swarm serve"));
        silo._process.OutputDataReceived += (_, e) => silo.OnLine(e.Data);
        silo._process.ErrorDataReceived += (_, e) => silo.OnLine(e.Data);
        silo._process.BeginOutputReadLine();
        silo._process.BeginErrorReadLine();
        var ready = await Task.WhenAny(silo._ready.Task, Task.Delay(TimeSpan.FromSeconds(90)));
        if (ready != silo._ready.Task)
        {
            await silo.DisposeAsync();
            throw new InvalidOperationException("swarm serve never became ready:\n" + silo.Output);
        }
        return silo;
    }

    private string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        if (line.StartsWith("silo ready", StringComparison.Ordinal)) _ready.TrySetResult(line);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
