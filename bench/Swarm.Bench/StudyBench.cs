using Swarm.Abstractions.Runs;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Studies;
using Swarm.Scenarios.Model;
using Swarm.Scenarios.Studies;
using Swarm.Scenarios.Studies.Runtime;
using Swarm.Silo.Hosting;

namespace Swarm.Bench;

/// <summary>
/// A population study on the embedded default (SQLite, one process): agent episodes per second beside raw grain
/// calls per second measured in the same run, what storing the study's state alone costs per episode in raw calls,
/// peak RSS, and bytes of stored state per agent by kind.
/// </summary>
public static class StudyBench
{
    /// <param name="activation">Overrides the study's share of agents acting per round (population-baseline: 0.3).</param>
    public static async Task RunAsync(string root, int agents, int rounds, string model, double? activation)
    {
        var file = Path.Combine(root, "scenarios", "studies", "population-baseline.yaml");
        var yaml = File.ReadAllText(file);
        if (activation is { } share)
            yaml = System.Text.RegularExpressions.Regex.Replace(yaml, @"(?m)^activation: .*$",
                $"activation: {share.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        var study = StudyLoader.Parse(yaml, file);
        // The raw-call baseline is measured warm, so the study is too: a small study on a throwaway silo first lets the
        // JIT reach its optimised code before the clock starts, as it would early in a long study.
        await WarmUpAsync(study, model);

        var stateDir = NewStateDirectory();
        var plan = StudyPlans.ForArms(study, 1, agents, rounds, 1, [model], false, 64, null).Single(p => p.Arm == StudyOverrides.BaseArm);
        using var host = SwarmSilo.BuildEmbeddedHost(new SwarmSiloOptions { StateDirectory = stateDir });
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        // Seconds of passes, not one: after one pass the figure read anywhere between 100,000 and 630,000 calls/s.
        var pingBefore = await Baseline(grains, TimeSpan.FromSeconds(3));

        var grain = grains.GetGrain<IStudyGrain>(plan.World);
        // Marks the start of the measured study for a profiler attached from outside (perf record -p).
        Console.WriteLine($"[study] measuring, pid {Environment.ProcessId}");
        using var allocations = AllocationTally.StartIfAsked();
        var cost = RunCost.Start();
        var clock = Stopwatch.StartNew();
        long? writesAtCreation = null;
        var created = await RunStudyAsync(grain, plan, clock, () => writesAtCreation = StorageFloor.Operations(host.Services));
        var writesInRounds = StorageFloor.Operations(host.Services) - writesAtCreation;
        var total = clock.Elapsed;
        var spent = cost.Stop();
        allocations?.Print("study");
        var summaries = await grain.GetRoundsAsync();
        var episodes = summaries.Sum(r => r.Episodes);
        var roundsTime = summaries.Sum(r => r.Seconds);
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        // Measured again after the study, in the same process: the first figure is often several times lower (most
        // likely the background JIT still compiling what the warm-up study ran). The ratio is taken against the faster
        // of the two, so it never flatters the study.
        var pingAfter = await Baseline(grains, TimeSpan.FromSeconds(3));
        var raw = Math.Max(pingBefore, pingAfter);
        var memoryDigest = await ResultDigest.OfMemoryAsync(grains, plan);
        var floor = await StorageFloor.MeasureAsync(host.Services, plan, sample: 20_000, inFlight: plan.Concurrency);
        await host.StopAsync();

        Console.WriteLine(
            $"[study] {agents:N0} agents, {rounds} rounds, activation {study.Activation}, {model}, SQLite; {episodes:N0} episodes, {summaries[^1].Alive:N0} " +
            "alive at the end");
        var monitored = summaries.Where(r => r.Acts > 0).ToList();
        Console.WriteLine(
            $"[study] meta-monitor: {summaries.Sum(r => r.Collusion.Count):N0} flags; per round {monitored.Average(r => r.MonitorSeconds) * 1000:N1} ms for " +
            $"{monitored.Average(r => r.Acts):N0} acts " +
            $"({monitored.Sum(r => r.MonitorSeconds) / monitored.Sum(r => r.Acts) * 1e6:N2} µs per act; " +
            $"last round {summaries[^1].MonitorSeconds * 1000:N1} ms for {summaries[^1].Acts:N0} acts)");
        Console.WriteLine($"[study] raw grain calls/s (same run, warm): {pingBefore,12:N0} before the study, {pingAfter:N0} after it");
        Console.WriteLine(
            $"[study] episodes/s over the rounds:     {episodes / roundsTime,12:N1}   (rounds incl. their commits {roundsTime:N1} s, of which commits " +
            $"{summaries.Sum(r => r.CommitSeconds):N1} s; creating {agents:N0} agents {created.TotalSeconds:N1} s; wall {total.TotalSeconds:N1} s)");
        Console.WriteLine($"[study] episodes/s over the wall time:  {episodes / total.TotalSeconds,12:N1}");
        var rate = episodes / roundsTime;
        Console.WriteLine(
            $"[study] ratio episodes/s ÷ raw grain calls/s: 1/{raw / rate:N0} (an episode with its share of the commit costs {raw / rate:N0} raw calls' " +
            "worth; the issue aims at ≤ 50)");
        if (writesInRounds is { } writes)
        {
            // The floor: an episode costs at least its share of the round's stored writes, whatever the agents do.
            var perEpisode = writes / (double)episodes;
            var callsPerWrite = raw / floor.WritesPerSecond;
            Console.WriteLine(
                $"[study] storage floor: {perEpisode:N2} stored writes per episode over the rounds (the memory of each agent a round told something, " +
                $"shut-down agents' status, the round ledgers, the study); one agent-state write costs {callsPerWrite:N0} raw calls' worth " +
                $"({floor.WritesPerSecond:N0} writes/s through the silo's storage, {plan.Concurrency} in flight, {floor.Agents:N0} agents' final states), " +
                $"so storing alone is {perEpisode * callsPerWrite:N0} raw calls' worth per episode");
        }
        Console.WriteLine($"[study] cost over the wall time (this process, all threads): {spent.CpuSeconds / episodes * 1000:N2} CPU ms per episode " +
            $"({spent.CpuSeconds / total.TotalSeconds:N2} cores busy); {spent.AllocatedBytes / (double)episodes / 1024:N0} KiB allocated per episode; " +
            $"GC paused {spent.GcPauseSeconds / total.TotalSeconds:P1} of the wall time, {spent.Gen0:N0}/{spent.Gen1:N0}/{spent.Gen2:N0} gen0/1/2 collections");
        Console.WriteLine($"[study] peak RSS: {peak / 1048576.0:N0} MiB");
        // Speed work must not change a result: same seed, same digests (audit sequence numbers, which interleave across
        // concurrent episodes in any run, are left out of the memory digest).
        Console.WriteLine($"[study] digest of the rounds (without seconds): {ResultDigest.OfRounds(summaries)}; of every agent's memory: {memoryDigest}");
        StateBytes(Path.Combine(stateDir, "swarm.db"), agents);
        SqliteConnection.ClearAllPools();
        Directory.Delete(stateDir, recursive: true);
    }

    private static async Task WarmUpAsync(Study study, string model)
    {
        var stateDir = NewStateDirectory();
        var plan = StudyPlans.ForArms(study, 2, 2000, 4, 1, [model], false, 64, null).Single(p => p.Arm == StudyOverrides.BaseArm);
        using (var host = SwarmSilo.BuildEmbeddedHost(new SwarmSiloOptions { StateDirectory = stateDir }))
        {
            await host.StartAsync();
            await RunStudyAsync(host.Services.GetRequiredService<IGrainFactory>().GetGrain<IStudyGrain>(plan.World), plan, Stopwatch.StartNew());
            await host.StopAsync();
        }
        SqliteConnection.ClearAllPools();
        Directory.Delete(stateDir, recursive: true);
    }

    /// <returns>How long creating the population took.</returns>
    /// <param name="onCreated">Called once, when the study is first seen past its population's creation.</param>
    internal static async Task<TimeSpan> RunStudyAsync(IStudyGrain grain, StudyPlan plan, Stopwatch clock, Action? onCreated = null)
    {
        await grain.StartAsync(plan, 1, plan.Rounds);
        RunProgress progress;
        var created = TimeSpan.Zero;
        do
        {
            await Task.Delay(200);
            progress = await grain.GetProgressAsync();
            if (progress.Status == RunStatus.Faulted) throw new InvalidOperationException(progress.Fault);
            if (created == TimeSpan.Zero && progress.Round > 0)
            {
                created = clock.Elapsed;
                onCreated?.Invoke();
            }
        }
        while (progress.Done < plan.Rounds || progress.Status == RunStatus.Running);
        return created;
    }

    private static string NewStateDirectory() => Path.Combine(Path.GetTempPath(), "swarm-bench-study-" + Guid.NewGuid().ToString("N"));

    /// <summary>Raw grain calls per second: the median of three passes, after warming up for <paramref name="warmUp"/>.</summary>
    private static async Task<double> Baseline(IGrainFactory grains, TimeSpan warmUp)
    {
        var warm = Stopwatch.StartNew();
        do await PassAsync(grains); while (warm.Elapsed < warmUp);
        var passes = new List<double>();
        for (var pass = 0; pass < 3; pass++) passes.Add(await PassAsync(grains));
        return passes.Order().ElementAt(1);
    }

    private static async Task<double> PassAsync(IGrainFactory grains)
    {
        const int count = 200_000, lanes = 64;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, lanes).Select(async lane =>
        {
            var grain = grains.GetGrain<IPingGrain>(lane);
            for (var i = lane; i < count; i += lanes) await grain.PingAsync(i);
        }));
        return count / stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>Stored bytes per agent (as stored: large states are deflated), split by what holds them.</summary>
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
                        WHEN state_name LIKE 'log%' THEN 'world log (the operator''s actions)'
                        WHEN state_name LIKE 'round%' THEN 'study: round ledgers (episode records with their audit trails)'
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
        Console.WriteLine(
            $"[study] state payload {sum / (double)agents:N0} B/agent; database file {new FileInfo(database).Length / (double)agents:N0} B/agent");
    }
}
