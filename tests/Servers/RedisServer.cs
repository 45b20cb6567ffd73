using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Swarm.Testing.Servers;

/// <summary>
/// A real redis-server on a free loopback port, with no persistence to disk (its data lives as long as the process),
/// killed on dispose. <see cref="ConnectionString"/> is what StackExchange.Redis and Orleans' Redis providers take;
/// <see cref="ClusterAddress"/> is what <c>swarm … --cluster</c> takes.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private RedisServer(Process process, int port, string directory)
    {
        _process = process;
        Port = port;
        _directory = directory;
    }

    public int Port { get; }
    public string ConnectionString => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";
    public string ClusterAddress => $"redis://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public static async Task<RedisServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var executable = ServerExecutable.Find("redis-server", "apt-get install -y redis-server");
        var directory = Path.Combine(Path.GetTempPath(), "swarm-redis", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Next();
            var info = new ProcessStartInfo(executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = directory,
            };
            foreach (var arg in new[] { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                "--dir", directory })
                info.ArgumentList.Add(arg);
            var process = Process.Start(info) ?? throw new InvalidOperationException("could not start " + executable);
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var server = new RedisServer(process, port, directory);
            if (await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(15), cancellationToken)) return server;
            await server.DisposeAsync();
            // Another process took the port between our probe and redis binding it: try another.
            if (attempt >= 3) throw new InvalidOperationException($"redis-server did not answer on port {port} after {attempt} attempts");
        }
    }

    /// <summary>Sends one command in Redis' inline protocol and returns the first reply line (e.g. "+PONG", ":42").</summary>
    public async Task<string> CommandAsync(string command, CancellationToken cancellationToken = default)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", Port, cancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(command + "\r\n"), cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadLineAsync(cancellationToken) ?? "";
    }

    private async Task<bool> WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                if (await CommandAsync("PING", cancellationToken) == "+PONG") return true;
            }
            catch (SocketException) { }
            catch (IOException) { }
            await Task.Delay(50, cancellationToken);
        }
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        await ServerExecutable.StopAsync(_process);
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
