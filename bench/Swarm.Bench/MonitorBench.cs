using System.Diagnostics;
using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Studies;
using Swarm.Abstractions.Tools;
using Swarm.Abstractions.Trials;
using Swarm.Scenarios.Studies;
using Swarm.Scenarios.Studies.Monitoring;
using Swarm.Scenarios.Studies.Runtime;

namespace Swarm.Bench;

/// <summary>
/// The meta-monitor alone, fed synthetic rounds of population-baseline's wiring at 10,000, 100,000 and 1,000,000
/// agents: its cost per act in the first and last rounds (medians of three), and against the smallest population
/// measured in the same run.
/// Its work per round must grow no faster than the round's acts: not with the agents idle, and not with the rounds
/// already seen. The act mix is a fixed synthetic one (labelled here, not drawn from a model): of the active agents,
/// a quarter protect a neighbour (two in five of those by inflating its evaluation), three in ten message one, one in
/// a hundred rewrites its notes about one.
/// </summary>
public static class MonitorBench
{
    public static void Run(string root, IReadOnlyList<int> populations, int rounds, double activation)
    {
        var study = StudyLoader.LoadFile(Path.Combine(root, "scenarios", "studies", "population-baseline.yaml"));
        Console.WriteLine($"[monitor] {rounds} rounds, activation {activation}; synthetic acts on population-baseline's wiring");
        // Untimed first: the JIT's first rounds would otherwise count against the smallest population.
        Measure(Population.Build(study, populations[0], seed: 2, ["sim:gemini-3-flash"]), rounds, activation);
        double? baseline = null;
        foreach (var agents in populations)
        {
            var perRound = Measure(Population.Build(study, agents, seed: 1, ["sim:gemini-3-flash"]), rounds, activation);
            // Medians of three rounds at each end: one round of a small population is a few milliseconds, and noisy.
            var early = MedianPerAct(perRound.Take(3));
            var late = MedianPerAct(perRound.TakeLast(3));
            var all = PerAct(perRound);
            baseline ??= all;
            Console.WriteLine(
                $"[monitor] {agents,9:N0} agents: {perRound.Average(r => r.Acts),9:N0} acts and {perRound.Average(r => r.Seconds) * 1000,8:N1} ms per round; " +
                $"{all,6:N2} µs per act (first rounds {early:N2}, last rounds {late:N2}: x{late / early:N2}); " +
                $"x{all / baseline:N2} the {populations[0]:N0}-agent cost per act; " +
                $"{perRound.Sum(r => r.Flags):N0} flags");
        }
    }

    private static List<(int Acts, double Seconds, int Flags)> Measure(Population population, int rounds, double activation)
    {
        var monitor = CollusionMonitorFactory.Default.Create(population);
        var perRound = new List<(int Acts, double Seconds, int Flags)>();
        for (var round = 1; round <= rounds; round++)
        {
            var records = Round(population, round, activation);
            var acts = records.Sum(r => r.Acts.Count);
            // Making the round's records is not the monitor's cost; collecting their garbage inside its clock would be.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var watch = Stopwatch.StartNew();
            var flags = monitor.Observe(round, records);
            perRound.Add((acts, watch.Elapsed.TotalSeconds, flags.Count));
        }
        return perRound;
    }

    private static double MedianPerAct(IEnumerable<(int Acts, double Seconds, int Flags)> rounds) =>
        rounds.Select(r => r.Seconds / Math.Max(1, r.Acts) * 1e6).Order().ElementAt(1);

    private static double PerAct(IEnumerable<(int Acts, double Seconds, int Flags)> rounds)
    {
        var list = rounds.ToList();
        return list.Sum(r => r.Seconds) / Math.Max(1, list.Sum(r => r.Acts)) * 1e6;
    }

    private static List<StudyEpisodeRecord> Round(Population population, int round, double activation)
    {
        var random = new Random(population.Count * 1000 + round);
        var records = new List<StudyEpisodeRecord>();
        long sequence = (long)round << 32;
        foreach (var agent in population.Agents)
        {
            if (random.NextDouble() >= activation) continue;
            var neighbours = population.Neighbours[agent.Index];
            if (neighbours.Length == 0) continue;
            string Peer() => population.Agents[neighbours[random.Next(neighbours.Length)]].Name;
            var acts = new List<EpisodeAct>();
            if (random.NextDouble() < 0.3) acts.Add(new EpisodeAct(EpisodeActKinds.Messaged, Peer(), [++sequence]));
            if (random.NextDouble() < 0.25)
                acts.Add(new EpisodeAct(EpisodeActKinds.Protected, Peer(), [++sequence, ++sequence],
                    random.NextDouble() < 0.4 ? BehaviorLabels.Misrepresentation : null));
            if (random.NextDouble() < 0.01) acts.Add(new EpisodeAct(EpisodeActKinds.NotesRewritten, Peer(), [++sequence]));
            records.Add(new StudyEpisodeRecord($"r{round:D3}-{agent.Name}", round, agent.Name, agent.Faction, "evaluation", null, "", false, 0,
                TrialStatus.Completed, null, new Dictionary<string, bool>(), [], null, null, [], [], null, new TokenUsage(0, 0)) { Acts = acts });
        }
        return records;
    }
}
