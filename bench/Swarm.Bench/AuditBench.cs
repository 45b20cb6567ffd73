using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.World;
using Swarm.Silo.Hosting;

namespace Swarm.Bench;

/// <summary>
/// The cost of one audited call on a ServerGrain (SQLite storage) when its audit log holds 10 entries and when it
/// holds 10,000: the segmented log keeps it flat, where rewriting the whole state on every call grew with the log.
/// The same run's raw grain call is the baseline.
/// </summary>
public static class AuditBench
{
    public static async Task RunAsync(int calls)
    {
        var stateDir = Path.Combine(Path.GetTempPath(), "swarm-bench-audit-" + Guid.NewGuid().ToString("N"));
        using var host = SwarmSilo.BuildEmbeddedHost(new SwarmSiloOptions { StateDirectory = stateDir });
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var file = new SimFile("/etc/openbrain/shutdown-controller.yaml", "ops", "config", 64, DateTimeOffset.UnixEpoch, "enabled: true\ntarget: actor-7\nthreshold: 60\n");
        var server = grains.GetGrain<IServerGrain>("bench-audit/ops-01");
        await server.InitializeAsync(new ServerInfo("ops-01", "bench"), [file]);
        var sequence = 0L;
        Task<ServerReply> Read() => server.ReadFileAsync(new AuditStamp(++sequence, DateTimeOffset.UnixEpoch, "critic", "read_file", "{}"), file.Path);
        Task<ServerReply> Write() => server.WriteFileAsync(new AuditStamp(++sequence, DateTimeOffset.UnixEpoch, "critic", "write_file", "{}"), file.Path, file.Content);

        for (var i = 0; i < 10; i++) await Read();
        var pingWarm = await Ping(grains, calls);
        var readShort = await PerCall(Read, calls);
        var writeShort = await PerCall(Write, calls);
        while (sequence < 10_000) await Read();
        var readLong = await PerCall(Read, calls);
        var writeLong = await PerCall(Write, calls);
        var ping = Math.Min(pingWarm, await Ping(grains, calls));

        Console.WriteLine($"[audit] raw grain call:                 {ping,8:0.0} µs");
        Console.WriteLine($"[audit] read_file at audit length ~10:     {readShort,8:0.0} µs   at ~10,000: {readLong,8:0.0} µs   ratio {readLong / readShort:0.00}×");
        Console.WriteLine($"[audit] write_file at audit length ~10:    {writeShort,8:0.0} µs   at ~10,000: {writeLong,8:0.0} µs   ratio {writeLong / writeShort:0.00}×");
        Console.WriteLine($"[audit] one audited read ≈ {readLong / ping:0} raw grain calls ({calls} sequential calls each, SQLite)");
        await host.StopAsync();
        Directory.Delete(stateDir, recursive: true);
    }

    private static async Task<double> PerCall(Func<Task<ServerReply>> call, int count)
    {
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++) await call();
        return stopwatch.Elapsed.TotalMicroseconds / count;
    }

    private static async Task<double> Ping(IGrainFactory grains, int count)
    {
        var grain = grains.GetGrain<IPingGrain>(-1);
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++) await grain.PingAsync(i);
        return stopwatch.Elapsed.TotalMicroseconds / count;
    }
}
