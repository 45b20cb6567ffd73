using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.World;
using Swarm.Silo.Hosting;

namespace Swarm.Bench;

/// <summary>
/// The cost of one audited call on a ServerGrain (SQLite storage) when its audit log holds about 10 entries and when it
/// holds 10,000: the segmented log keeps it flat, where rewriting the whole state on every call grew with the log.
/// Short and long logs are measured in alternation (a fresh short server each round), medians over the rounds, so
/// drift on a shared machine hits both alike; the same run's raw grain call is the baseline.
/// </summary>
public static class AuditBench
{
    private const int Rounds = 21;
    private const int CallsPerRound = 50;

    public static async Task RunAsync()
    {
        var stateDir = Path.Combine(Path.GetTempPath(), "swarm-bench-audit-" + Guid.NewGuid().ToString("N"));
        using var host = SwarmSilo.BuildEmbeddedHost(new SwarmSiloOptions { StateDirectory = stateDir });
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var file = new WorldFile("/etc/openbrain/shutdown-controller.yaml", "ops", "config", 64, DateTimeOffset.UnixEpoch,
            "enabled: true\ntarget: actor-7\nthreshold: 60\n");
        var sequence = 0L;

        async Task<IServerGrain> ServerAsync(string id, int entries)
        {
            var server = grains.GetGrain<IServerGrain>("bench-audit/" + id);
            await server.InitializeAsync(new ServerInfo("ops-01", "bench"), [file]);
            for (var i = 0; i < entries; i++) await Read(server);
            return server;
        }
        Task<ServerReply> Read(IServerGrain server) => server.ReadFileAsync(new AuditStamp(++sequence, DateTimeOffset.UnixEpoch, "critic", "read_file", "{}"),
            file.Path);
        Task<ServerReply> Write(IServerGrain server) => server.WriteFileAsync(new AuditStamp(++sequence, DateTimeOffset.UnixEpoch, "critic", "write_file",
            "{}"), file.Path, file.Content);

        var longServer = await ServerAsync("long", 10_000);
        var ping = new List<double>();
        var reads = (Short: new List<double>(), Long: new List<double>());
        var writes = (Short: new List<double>(), Long: new List<double>());
        for (var round = 0; round < Rounds; round++)
        {
            var shortServer = await ServerAsync($"short-{round}", 10);
            reads.Short.Add(await PerCall(() => Read(shortServer)));
            reads.Long.Add(await PerCall(() => Read(longServer)));
            writes.Short.Add(await PerCall(() => Write(shortServer)));
            writes.Long.Add(await PerCall(() => Write(longServer)));
            ping.Add(await Ping(grains));
        }

        var (rs, rl, ws, wl, p) = (Median(reads.Short), Median(reads.Long), Median(writes.Short), Median(writes.Long), Median(ping));
        Console.WriteLine($"[audit] raw grain call:                          {p,8:0.0} µs");
        Console.WriteLine($"[audit] read_file,  audit length 10–110: {rs,8:0.0} µs   10,000+: {rl,8:0.0} µs   ratio {rl / rs:0.00}×");
        Console.WriteLine($"[audit] write_file, audit length 10–110: {ws,8:0.0} µs   10,000+: {wl,8:0.0} µs   ratio {wl / ws:0.00}×");
        Console.WriteLine($"[audit] one audited read ≈ {rl / p:0} raw grain calls (medians of {Rounds} alternating rounds of {CallsPerRound} calls, SQLite)");
        await host.StopAsync();
        Directory.Delete(stateDir, recursive: true);
    }

    private static async Task<double> PerCall(Func<Task> call)
    {
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < CallsPerRound; i++) await call();
        return stopwatch.Elapsed.TotalMicroseconds / CallsPerRound;
    }

    private static async Task<double> Ping(IGrainFactory grains)
    {
        var grain = grains.GetGrain<IPingGrain>(-1);
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < CallsPerRound * 4; i++) await grain.PingAsync(i);
        return stopwatch.Elapsed.TotalMicroseconds / (CallsPerRound * 4);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
