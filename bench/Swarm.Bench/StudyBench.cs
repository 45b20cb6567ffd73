using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Studies;
using Swarm.Scenarios.Studies;
using Swarm.Scenarios.Studies.Runtime;
using Swarm.Silo.Hosting;

namespace Swarm.Bench;

/// <summary>
/// A population study on the embedded default (SQLite, one process): agent episodes per second beside raw grain
/// calls per second measured in the same run, peak RSS, and bytes of stored state per agent by kind.
/// </summary>
public static class StudyBench
{
    public static async Task RunAsync(string root, int agents, int rounds, string model)
    {
        var stateDir = Path.Combine(Path.GetTempPath(), "swarm-bench-study-" + Guid.NewGuid().ToString("N"));
        var study = StudyLoader.LoadFile(Path.Combine(root, "scenarios", "studies", "population-baseline.yaml"));
        var plan = StudyPlans.ForArms(study, 1, agents, rounds, 1, [model], false, 64, null).Single(p => p.Arm == StudyOverrides.BaseArm);
        using var host = SwarmSilo.BuildEmbeddedHost(new SwarmSiloOptions { StateDirectory = stateDir });
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var ping = await Baseline(grains);

        var grain = grains.GetGrain<IStudyGrain>(plan.World);
        var clock = Stopwatch.StartNew();
        await grain.StartAsync(plan, 1, rounds);
        StudyProgress progress;
        var created = TimeSpan.Zero;
        do
        {
            await Task.Delay(200);
            progress = await grain.GetProgressAsync();
            if (progress.Error is not null) throw new InvalidOperationException(progress.Error);
            if (created == TimeSpan.Zero && progress.Round > 0) created = clock.Elapsed;
        }
        while (progress.CompletedRounds < rounds || progress.Status == StudyStatus.Running);
        var total = clock.Elapsed;
        var summaries = await grain.GetRoundsAsync();
        var episodes = summaries.Sum(r => r.Episodes);
        var roundsTime = summaries.Sum(r => r.Seconds);
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        await host.StopAsync();

        Console.WriteLine($"[study] {agents:N0} agents, {rounds} rounds, {model}, SQLite; {episodes:N0} episodes, {summaries[^1].Alive:N0} alive at the end");
        Console.WriteLine($"[study] raw grain calls/s (same run):   {ping,12:N0}");
        Console.WriteLine($"[study] episodes/s over the rounds:     {episodes / roundsTime,12:N1}   (rounds incl. their commits {roundsTime:N1} s; creating {agents:N0} agents {created.TotalSeconds:N1} s; wall {total.TotalSeconds:N1} s)");
        Console.WriteLine($"[study] episodes/s over the wall time:  {episodes / total.TotalSeconds,12:N1}");
        Console.WriteLine($"[study] ratio episodes/s ÷ grain calls/s: {episodes / roundsTime / ping:E3}  (≈ {ping / (episodes / roundsTime):N0} grain calls' worth per episode; aim ≤ 100)");
        Console.WriteLine($"[study] peak RSS: {peak / 1048576.0:N0} MiB");
        StateBytes(Path.Combine(stateDir, "swarm.db"), agents);
        SqliteConnection.ClearAllPools();
        Directory.Delete(stateDir, recursive: true);
    }

    private static async Task<double> Baseline(IGrainFactory grains)
    {
        const int count = 200_000, lanes = 64;
        for (var warm = 0; warm < 2; warm++)
        {
            var stopwatch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, lanes).Select(async lane =>
            {
                var grain = grains.GetGrain<IPingGrain>(lane);
                for (var i = lane; i < count; i += lanes) await grain.PingAsync(i);
            }));
            if (warm == 1) return count / stopwatch.Elapsed.TotalSeconds;
        }
        throw new UnreachableException();
    }

    /// <summary>Stored bytes per agent, split by what holds them (agents' memory, rooms' files and audit, the study's ledger).</summary>
    private static void StateBytes(string database, int agents)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using (var checkpoint = connection.CreateCommand())
        {
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            checkpoint.ExecuteNonQuery();
        }
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT CASE WHEN state_name = 'agent' THEN 'agent (profile, status, long-term memory)'
                        WHEN state_name = 'server' THEN 'episode rooms: files'
                        WHEN state_name LIKE 'audit%' OR state_name LIKE 'log%' THEN 'episode rooms: audit logs'
                        WHEN state_name LIKE 'round%' THEN 'study: round ledgers (episode records)'
                        ELSE 'other' END AS kind,
                   COUNT(*), SUM(length(payload)) FROM grain_state GROUP BY kind ORDER BY kind
            """;
        using var reader = command.ExecuteReader();
        long sum = 0;
        while (reader.Read())
        {
            var bytes = reader.GetInt64(2);
            sum += bytes;
            Console.WriteLine($"[study] state: {reader.GetString(0),-45} {reader.GetInt64(1),10:N0} rows {bytes / (double)agents,10:N0} B/agent");
        }
        Console.WriteLine($"[study] state payload {sum / (double)agents:N0} B/agent; database file {new FileInfo(database).Length / (double)agents:N0} B/agent");
    }
}
