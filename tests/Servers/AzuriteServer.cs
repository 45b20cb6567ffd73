using System.Diagnostics;
using System.Globalization;

namespace Swarm.Testing.Servers;

/// <summary>
/// A real Azurite Table service (the Azure Storage emulator, from npm) on a free loopback port, with its data in
/// memory only, killed on dispose. <see cref="ConnectionString"/> is the development account's, as Orleans' Azure
/// Table providers and Azure.Data.Tables take it. Install it with <c>npm ci --prefix tests/Servers</c>.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    /// <summary>The emulator's fixed, publicly documented development account; not a secret.</summary>
    public const string AccountName = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;
    private readonly string _directory;

    private AzuriteServer(Process process, int port, string directory)
    {
        _process = process;
        Port = port;
        _directory = directory;
    }

    public int Port { get; }

    public string TableEndpoint => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/{AccountName}";

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};TableEndpoint={TableEndpoint};";

    public static async Task<AzuriteServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var executable = FindExecutable();
        var directory = Path.Combine(Path.GetTempPath(), "swarm-azurite", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Next();
            var info = new ProcessStartInfo(executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                // Azurite writes nothing with in-memory persistence, but keeps any stray file out of the repository.
                WorkingDirectory = directory,
            };
            // --skipApiVersionCheck: Azure.Data.Tables may ask for a service version newer than this Azurite knows.
            foreach (var arg in new[] { "--tableHost", "127.0.0.1", "--tablePort", port.ToString(CultureInfo.InvariantCulture),
                         "--inMemoryPersistence", "--silent", "--disableTelemetry", "--skipApiVersionCheck" })
                info.ArgumentList.Add(arg);
            var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + executable);
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var server = new AzuriteServer(process, port, directory);
            if (await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(30), cancellationToken)) return server;
            await server.KillAsync();
            // Another process took the port between our probe and Azurite binding it: try another.
            if (attempt >= 3)
            {
                server.DeleteDirectory();
                throw new InvalidOperationException($"azurite-table did not answer on port {port} after {attempt} attempts");
            }
        }
    }

    /// <summary><c>tests/Servers/node_modules/.bin/azurite-table</c>, found by walking up from this assembly.</summary>
    private static string FindExecutable()
    {
        const string hint = "run `npm ci --prefix tests/Servers` in the repository (.ci/run does this before the tests)";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var servers = Path.Combine(dir.FullName, "tests", "Servers");
            if (!File.Exists(Path.Combine(servers, "package.json"))) continue;
            var executable = Path.Combine(servers, "node_modules", ".bin", "azurite-table");
            if (File.Exists(executable)) return executable;
            throw new FileNotFoundException($"azurite is not installed in {servers}: {hint}", executable);
        }
        throw new FileNotFoundException($"no tests/Servers/package.json above {AppContext.BaseDirectory}; {hint}", "azurite-table");
    }

    private async Task<bool> WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                // Unsigned, so Azurite refuses it; any HTTP answer means the service is up.
                using var response = await http.GetAsync(TableEndpoint + "/Tables", cancellationToken);
                return true;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested) { }
            await Task.Delay(100, cancellationToken);
        }
        return false;
    }

    private Task KillAsync() => ServerExecutable.StopAsync(_process);

    private void DeleteDirectory()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        DeleteDirectory();
    }
}
