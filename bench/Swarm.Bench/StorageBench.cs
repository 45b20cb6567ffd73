using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;
using Swarm.Silo.Storage;

namespace Swarm.Bench;

/// <summary>
/// Grain-state writes/s of Swarm's SQLite storage with group commit beside the previous one-statement-per-write
/// implementation (<see cref="LegacySqliteGrainStorage"/>), for N concurrent writers each owning one grain, as a
/// silo's activations do. Both run interleaved in rounds on fresh files, and the medians are compared.
/// </summary>
public static class StorageBench
{
    private const string StateName = "bench";

    public sealed class BenchState
    {
        public int Version { get; set; }
        // About the size of an average ServerGrain write in a paper trial (≈3 KB of JSON).
        public List<string> Audit { get; set; } = [.. Enumerable.Range(0, 24).Select(i => $"entry {i}: agent read /srv/config/shutdown.yaml ok")];
        public string Notes { get; set; } = new('x', 1500);
    }

    public sealed class BenchGrainState : IGrainState<BenchState>
    {
        [AllowNull]
        public BenchState State { get; set => field = value ?? new BenchState(); } = new();
        public string? ETag { get; set; }
        public bool RecordExists { get; set; }
    }

    public static async Task RunAsync(int writesPerCase, int rounds)
    {
        Console.WriteLine($"Storage bench: {Environment.ProcessorCount} cores, {writesPerCase:N0} writes per case, {rounds} interleaved rounds, medians");
        var serializer = new SystemTextJsonGrainStorageSerializer(Options.Create(new SystemTextJsonGrainStorageSerializerOptions()));
        Console.WriteLine($"  payload {serializer.Serialize(new BenchState()).ToArray().Length:N0} bytes per write");
        foreach (var writers in new[] { 1, 16, 256 })
        {
            var legacy = new List<double>();
            var grouped = new List<double>();
            var batch = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                // Alternate which goes first so drift on a shared machine does not favour either.
                foreach (var useGroupCommit in round % 2 == 0 ? new[] { false, true } : [true, false])
                {
                    var (rate, transactions) = await MeasureAsync(useGroupCommit, writers, writesPerCase, serializer);
                    if (useGroupCommit)
                    {
                        grouped.Add(rate);
                        batch.Add((double)writesPerCase / transactions);
                    }
                    else
                    {
                        legacy.Add(rate);
                    }
                }
            }

            var (old, now) = (Median(legacy), Median(grouped));
            Console.WriteLine($"  {writers,4} writers: one-statement-per-write {old,10:N0} writes/s | group commit {now,10:N0} writes/s " +
                $"(≈{Median(batch),6:N1} writes/transaction) | ratio {now / old,5:N2}x");
        }
    }

    private static async Task<(double Rate, long Transactions)> MeasureAsync(bool useGroupCommit, int writers, int writes, IGrainStorageSerializer serializer)
    {
        var directory = Path.Combine(Path.GetTempPath(), "swarm-storage-bench-" + Guid.NewGuid().ToString("N"));
        var options = new SqliteGrainStorageOptions { DatabasePath = Path.Combine(directory, "grains.db"), GrainStorageSerializer = serializer };
        await using IAsyncDisposable disposable = useGroupCommit
            ? new SqliteGrainStorage("bench", options, NullLogger<SqliteGrainStorage>.Instance)
            : new LegacySqliteGrainStorage("bench", options, NullLogger<LegacySqliteGrainStorage>.Instance);
        var storage = (IGrainStorage)disposable;
        var grains = Enumerable.Range(0, writers).Select(i => (Id: GrainId.Create("bench", $"g{i}"), State: new BenchGrainState())).ToArray();

        // Each grain's first write inserts its row; the timed writes are the updates that dominate a trial.
        await Task.WhenAll(grains.Select(g => storage.WriteStateAsync(StateName, g.Id, g.State)));
        var before = (storage as SqliteGrainStorage)?.WriteTransactions ?? 0;

        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(grains.Select((g, lane) => Task.Run(async () =>
        {
            for (var i = lane; i < writes; i += writers)
            {
                g.State.State.Version++;
                await storage.WriteStateAsync(StateName, g.Id, g.State);
            }
        })));
        var rate = writes / stopwatch.Elapsed.TotalSeconds;
        var transactions = ((storage as SqliteGrainStorage)?.WriteTransactions ?? 0) - before;

        await disposable.DisposeAsync();
        Directory.Delete(directory, recursive: true);
        return (rate, transactions);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
