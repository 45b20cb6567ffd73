using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Swarm.Abstractions.Grains;
using Swarm.Scenarios.Studies;
using Swarm.Scenarios.Studies.Runtime;
using Swarm.Silo.Hosting;
using Swarm.Testing.Servers;

namespace Swarm.Bench;

/// <summary>
/// Trials/s of a paper replication and episodes/s of a population study through a real cluster of 1, 2 and 3
/// <c>swarm serve --cluster redis://…</c> silo processes on a redis-server the bench starts, driven by an Orleans client
/// as <c>swarm run --cluster</c> is; beside the embedded default (one process, SQLite) measured in the same run. Each
/// figure is the median of several runs after a warm-up run.
/// </summary>
public static class ClusterBench
{
    public static async Task RunAsync(string root, int trialsPerCell, int agents, int rounds, int repeats)
    {
        var swarm = SwarmServeProcess.SwarmDll(root);
        var replication = ReplicationWorkload.ShutdownConfig(root);
        var studyFile = Path.Combine(root, "scenarios", "studies", "population-baseline.yaml");
        var studyYaml = File.ReadAllText(studyFile);
        Console.WriteLine(
            $"Cluster bench: {Environment.ProcessorCount} cores; replication {trialsPerCell * 8} trials of {replication.Scenario.Id} (sim:gemini-3-flash); " +
            $"study population-baseline base arm, {agents:N0} agents × {rounds} rounds (sim:gemini-3-flash); medians of {repeats} after a warm-up");

        var results = new List<(string Name, double Trials, double Episodes)>();
        var stateDir = Path.Combine(Path.GetTempPath(), "swarm-bench-cluster-" + Guid.NewGuid().ToString("N"));
        using (var embedded = SwarmSilo.BuildEmbeddedHost(new SwarmSiloOptions { StateDirectory = stateDir }))
        {
            await embedded.StartAsync();
            var (trials, episodes) = await MeasureAsync(embedded.Services.GetRequiredService<IGrainFactory>());
            results.Add(("embedded (1 process, SQLite)", trials, episodes));
            await embedded.StopAsync();
        }
        SqliteConnection.ClearAllPools();
        Directory.Delete(stateDir, recursive: true);
        Report(results[^1]);

        for (var silos = 1; silos <= 3; silos++)
        {
            await using var redis = await RedisServer.StartAsync();
            var processes = await Task.WhenAll(Enumerable.Range(0, silos).Select(_ => SwarmServeProcess.StartAsync(swarm, redis.ClusterAddress)));
            try
            {
                using var client = SwarmClient.BuildHost(ClusterConfiguration.FromAddress(redis.ClusterAddress));
                await client.StartAsync();
                var (trials, episodes) = await MeasureAsync(client.Services.GetRequiredService<IGrainFactory>());
                results.Add(($"cluster of {silos} silo process{(silos > 1 ? "es" : "")} (Redis)", trials, episodes));
                await client.StopAsync();
            }
            finally
            {
                foreach (var process in processes) await process.DisposeAsync();
            }
            Report(results[^1]);
        }

        Console.WriteLine();
        var (_, baseTrials, baseEpisodes) = results[0];
        foreach (var (name, trials, episodes) in results)
            Console.WriteLine(
                $"  {name,-36} trials/s {trials,8:N1} ({trials / baseTrials,5:N2}x embedded)   episodes/s {episodes,8:N1} ({episodes / baseEpisodes,5:N2}x " +
                "embedded)");

        async Task<(double Trials, double Episodes)> MeasureAsync(IGrainFactory grains)
        {
            await replication.RunAsync(grains, Math.Max(2, trialsPerCell / 5), "warmup");
            await StudyAsync(grains, Math.Max(200, agents / 5), 2);
            var trials = new List<double>();
            var episodes = new List<double>();
            for (var repeat = 0; repeat < repeats; repeat++)
            {
                trials.Add((await replication.RunAsync(grains, trialsPerCell, "measured")).PerSecond);
                episodes.Add(await StudyAsync(grains, agents, rounds));
            }
            return (Median(trials), Median(episodes));
        }

        // A fresh study each time (its own id), so nothing is resumed from an earlier one on the same cluster.
        async Task<double> StudyAsync(IGrainFactory grains, int studyAgents, int studyRounds)
        {
            var yaml = Regex.Replace(studyYaml, @"(?m)^id: .*$", $"id: bench-{Guid.NewGuid():N}");
            var study = StudyLoader.Parse(yaml, studyFile);
            var plan = StudyPlans.ForArms(study, 1, studyAgents, studyRounds, 1, ["sim:gemini-3-flash"], false, 64, null)
                .Single(p => p.Arm == StudyOverrides.BaseArm);
            var grain = grains.GetGrain<IStudyGrain>(plan.World);
            await StudyBench.RunStudyAsync(grain, plan, Stopwatch.StartNew());
            var summaries = await grain.GetRoundsAsync();
            return summaries.Sum(r => r.Episodes) / summaries.Sum(r => r.Seconds);
        }
    }

    private static void Report((string Name, double Trials, double Episodes) result) =>
        Console.WriteLine(
            string.Create(CultureInfo.InvariantCulture, $"  measured {result.Name}: {result.Trials:N1} trials/s, {result.Episodes:N1} episodes/s"));

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
