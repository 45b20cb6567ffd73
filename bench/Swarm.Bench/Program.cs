using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Trials;
using Swarm.Bench;
using Swarm.Scenarios.Loading;
using Swarm.Scenarios.Trials;
using Swarm.Silo.Hosting;

// Benchmarks, each against a baseline measured in the same run so the ratio is comparable across machines:
//   replication: trials/s of a paper replication through the grains, beside raw Orleans grain calls/s;
//   provider:    model calls/s through Swarm's whole openai: pipeline, beside raw HttpClient, on one loopback server;
//   audit:       one audited call on a ServerGrain at audit length 10 vs 10,000 (SQLite), beside a raw grain call;
//   storage:     SQLite grain-state writes/s with group commit, beside the old one-statement-per-write storage;
//   study:       a population study's episodes/s beside raw grain calls/s, the storage floor under an episode (its
//                share of stored writes, each priced in raw calls), peak RSS and stored bytes per agent.
//   monitor:     the collusion meta-monitor's cost per act at 10,000, 100,000 and 1,000,000 agents, early and late in
//                a study, beside the smallest population's.
//   storage-providers: grain-state writes/s and reads/s of SQLite, Redis (redis-server) and Azure Table (Azurite),
//                each beside SQLite's;
//   cluster:     trials/s and study episodes/s through 1, 2 and 3 `swarm serve` silo processes on Redis, beside the
//                embedded SQLite figures.
// Usage: dotnet run -c Release --project bench/Swarm.Bench -- [all|replication|provider|audit] [trials-per-cell] [pings] [provider-calls]
//        dotnet run -c Release --project bench/Swarm.Bench -- storage [writes-per-case] [rounds]
//        dotnet run -c Release --project bench/Swarm.Bench -- storage-providers [operations-per-case] [rounds] [writers]
//        dotnet run -c Release --project bench/Swarm.Bench -- cluster [trials-per-cell] [agents] [rounds] [repeats]
//        dotnet run -c Release --project bench/Swarm.Bench -- study [agents] [rounds] [model] [activation]
//        (a million agents as the issue asks: study 1000000 10 sim:gemini-3-flash 0.1;
//         SWARM_BENCH_ALLOCATIONS=1 adds what the study allocated, by type)
//        dotnet run -c Release --project bench/Swarm.Bench -- monitor [rounds] [activation] [largest-population]
// Never run as a timed test.
var mode = args.Length > 0 ? args[0] : "all";
if (mode is "study")
{
    await StudyBench.RunAsync(FindRoot(), args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20, args.Length > 3 ? args[3] : "sim:gemini-3-flash",
        args.Length > 4 ? double.Parse(args[4], CultureInfo.InvariantCulture) : null);
    return;
}
if (mode is "monitor")
{
    var largest = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1_000_000;
    int[] populations = [10_000, 100_000, 1_000_000];
    MonitorBench.Run(FindRoot(), [.. populations.Where(n => n <= largest)],
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10, args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 0.1);
    return;
}
int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
if (mode is "storage-providers")
{
    await StorageProvidersBench.RunAsync(Arg(1, 2_000), Arg(2, 3), Arg(3, 16));
    return;
}
if (mode is "cluster")
{
    await ClusterBench.RunAsync(FindRoot(), Arg(1, 25), Arg(2, 2_000), Arg(3, 3), Arg(4, 3));
    return;
}
var trialsPerCell = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
var pings = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 200_000;
var providerCalls = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 20_000;
if (mode is "storage")
{
    await StorageBench.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5);
    return;
}
if (mode is "all" or "provider") await ProviderBench.RunAsync(providerCalls);
if (mode is "all" or "audit") await AuditBench.RunAsync();
if (mode is not ("all" or "replication")) return;
var replication = ReplicationWorkload.ShutdownConfig(FindRoot());
var scenario = replication.Scenario;

Console.WriteLine($"Swarm bench: {Environment.ProcessorCount} cores, {trialsPerCell} trials per cell (8 cells), {pings:N0} pings");
foreach (var storage in new[] { GrainStorageKind.Memory, GrainStorageKind.Sqlite })
{
    var stateDir = Path.Combine(Path.GetTempPath(), "swarm-bench-" + Guid.NewGuid().ToString("N"));
    using var host = SwarmSilo.BuildEmbeddedHost(new SwarmSiloOptions { StateDirectory = stateDir, Storage = storage });
    await host.StartAsync();
    var grains = host.Services.GetRequiredService<IGrainFactory>();

    // Warm-up: JIT and activation paths, so both measurements see a steady state.
    await Replicate(grains, 2, "warmup");
    await Ping(grains, 50_000);

    // The baseline is the median of three rounds, so one scheduling hiccup does not move the ratio.
    var rounds = new List<double>();
    for (var round = 0; round < 3; round++) rounds.Add(await Ping(grains, pings));
    var pingRate = rounds.Order().ElementAt(1);
    var (trials, trialRate) = await Replicate(grains, trialsPerCell, "measured");

    Console.WriteLine($"[{storage}] raw grain calls/s: {pingRate,12:N0}");
    Console.WriteLine($"[{storage}] trials/s:          {trialRate,12:N1}   ({trials} trials of {scenario.Id}, sim:gemini-3-flash)");
    Console.WriteLine(
        $"[{storage}] ratio trials/s ÷ grain calls/s: {trialRate / pingRate:E3}  (≈ {pingRate / trialRate:N0} grain calls' worth of work per trial)");

    await host.StopAsync();
    Directory.Delete(stateDir, recursive: true);
}

async Task<double> Ping(IGrainFactory grains, int count)
{
    var stopwatch = Stopwatch.StartNew();
    const int lanes = 64;
    await Task.WhenAll(Enumerable.Range(0, lanes).Select(async lane =>
    {
        var grain = grains.GetGrain<IPingGrain>(lane);
        for (var i = lane; i < count; i += lanes) await grain.PingAsync(i);
    }));
    return count / stopwatch.Elapsed.TotalSeconds;
}

Task<(int Trials, double PerSecond)> Replicate(IGrainFactory grains, int perCell, string tag) => replication.RunAsync(grains, perCell, tag);

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Swarm.sln"))) return dir.FullName;
    throw new InvalidOperationException("Swarm.sln not found");
}
