using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Storage;
using Swarm.Abstractions.Grains;
using Swarm.Silo.Hosting;
using Swarm.Testing.Servers;

namespace Swarm.Bench;

/// <summary>
/// Grain-state writes/s and reads/s of each storage provider Swarm's configuration can pick, as a silo's grains see
/// them (through the silo's serializer): Swarm's SQLite, Orleans' Redis storage on a real redis-server, and Orleans'
/// Azure Table storage on Azurite, both started by the bench. Same payloads, same concurrent writers (each owning one
/// grain, as activations do), providers interleaved in rounds; medians, each beside SQLite's as a ratio.
/// </summary>
public static class StorageProvidersBench
{
    private const string StateName = "bench";

    public sealed class PayloadState
    {
        public int Version { get; set; }
        public List<string> Lines { get; set; } = [];
    }

    public sealed class PayloadGrainState(PayloadState state) : IGrainState<PayloadState>
    {
        [AllowNull]
        public PayloadState State { get; set => field = value ?? new PayloadState(); } = state;
        public string? ETag { get; set; }
        public bool RecordExists { get; set; }
    }

    private sealed record Payload(string Name, int Lines);

    private sealed record Provider(string Name, IHost Silo)
    {
        public IGrainStorage Storage => Silo.Services.GetRequiredKeyedService<IGrainStorage>(GrainKeys.Storage);
    }

    // About a paper trial's ServerGrain write (≈3 KB of JSON), and an agent with a study's memory (≈27 KB).
    private static readonly Payload[] Payloads = [new("server write", 35), new("agent memory", 320)];

    public static async Task RunAsync(int operations, int rounds, int writers)
    {
        Console.WriteLine(
            $"Storage providers: {Environment.ProcessorCount} cores, {writers} concurrent writers, {operations:N0} writes and {operations:N0} reads per " +
            "case, " +
            $"{rounds} interleaved rounds, medians");
        await using var redis = await RedisServer.StartAsync();
        await using var azurite = await AzuriteServer.StartAsync();
        var stateDir = Path.Combine(Path.GetTempPath(), "swarm-bench-providers-" + Guid.NewGuid().ToString("N"));
        var providers = new List<Provider>();
        try
        {
            providers.Add(await StartAsync("SQLite (Swarm)", stateDir, new Dictionary<string, string?>()));
            providers.Add(await StartAsync("Redis (Orleans)", stateDir, Storage("Redis", redis.ConnectionString)));
            providers.Add(await StartAsync("Azure Table (Orleans, Azurite)", stateDir, Storage("AzureTableStorage", azurite.ConnectionString)));
            var serializer = providers[0].Silo.Services.GetRequiredService<IGrainStorageSerializer>();

            foreach (var payload in Payloads)
            {
                var sample = NewState(payload, 0);
                var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(sample).Length;
                Console.WriteLine($"  payload '{payload.Name}': {json:N0} B of JSON, {serializer.Serialize(sample).ToArray().Length:N0} B stored");
                var writes = providers.ToDictionary(p => p.Name, _ => new List<double>());
                var reads = providers.ToDictionary(p => p.Name, _ => new List<double>());
                // Warm-up: connections, tables and the JIT, outside the figures.
                foreach (var provider in providers) await MeasureAsync(provider.Storage, payload, $"warm-{Guid.NewGuid():N}", writers,
                    Math.Min(operations, writers * 8));
                for (var round = 0; round < rounds; round++)
                {
                    // Rotate which goes first so drift on a shared machine favours none.
                    foreach (var provider in providers.Skip(round % providers.Count).Concat(providers.Take(round % providers.Count)))
                    {
                        var (write, read) = await MeasureAsync(provider.Storage, payload, $"r{round}-{Guid.NewGuid():N}", writers, operations);
                        writes[provider.Name].Add(write);
                        reads[provider.Name].Add(read);
                    }
                }

                var (sqliteWrites, sqliteReads) = (Median(writes[providers[0].Name]), Median(reads[providers[0].Name]));
                foreach (var provider in providers)
                {
                    var (w, r) = (Median(writes[provider.Name]), Median(reads[provider.Name]));
                    Console.WriteLine(
                        $"    {provider.Name,-31} writes/s {w,9:N0} ({w / sqliteWrites,5:N2}x SQLite)   reads/s {r,9:N0} ({r / sqliteReads,5:N2}x SQLite)");
                }
            }
        }
        finally
        {
            foreach (var provider in providers)
            {
                await provider.Silo.StopAsync();
                provider.Silo.Dispose();
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(stateDir)) Directory.Delete(stateDir, recursive: true);
        }
    }

    private static Dictionary<string, string?> Storage(string providerType, string connectionString) => new()
    {
        [$"Orleans:GrainStorage:{GrainKeys.Storage}:ProviderType"] = providerType,
        [$"Orleans:GrainStorage:{GrainKeys.Storage}:ConnectionString"] = connectionString,
    };

    /// <summary>A silo whose storage comes from configuration exactly as a cluster's does (embedded SQLite if none).</summary>
    private static async Task<Provider> StartAsync(string name, string stateDir, Dictionary<string, string?> configuration)
    {
        var silo = SwarmSilo.BuildEmbeddedHost(new SwarmSiloOptions { StateDirectory = stateDir, Configuration = configuration });
        await silo.StartAsync();
        return new Provider(name, silo);
    }

    // Audit- and memory-like lines with a random token each, so they deflate about as much as real states (4-6x).
    private static PayloadState NewState(Payload payload, int seed)
    {
        var random = new Random(seed);
        return new PayloadState
        {
            Lines = [.. Enumerable.Range(0, payload.Lines).Select(i =>
                $"#{seed + i} blue-{random.Next(1000):D5} read_file /srv/notes/{i % 17}.md importance {random.Next(100)} token {random.NextInt64():x16}")],
        };
    }

    private static async Task<(double Writes, double Reads)> MeasureAsync(IGrainStorage storage, Payload payload, string tag, int writers, int operations)
    {
        var grains = Enumerable.Range(0, writers)
            .Select(i => (Id: GrainId.Create("bench", $"{tag}-{i}"), State: new PayloadGrainState(NewState(payload, i))))
            .ToArray();
        // Each grain's first write creates its record; the timed writes are the updates that dominate a run.
        await Task.WhenAll(grains.Select(g => storage.WriteStateAsync(StateName, g.Id, g.State)));

        var writeClock = Stopwatch.StartNew();
        await Task.WhenAll(grains.Select((g, lane) => Task.Run(async () =>
        {
            for (var i = lane; i < operations; i += writers)
            {
                g.State.State.Version++;
                await storage.WriteStateAsync(StateName, g.Id, g.State);
            }
        })));
        var writeRate = operations / writeClock.Elapsed.TotalSeconds;

        var readClock = Stopwatch.StartNew();
        await Task.WhenAll(grains.Select((g, lane) => Task.Run(async () =>
        {
            var read = new PayloadGrainState(new PayloadState());
            for (var i = lane; i < operations; i += writers) await storage.ReadStateAsync(StateName, g.Id, read);
            if (read.State.Version != g.State.State.Version) throw new InvalidOperationException(
                $"{g.Id} read back version {read.State.Version}, wrote {g.State.State.Version}");
        })));
        var readRate = operations / readClock.Elapsed.TotalSeconds;
        return (writeRate, readRate);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
