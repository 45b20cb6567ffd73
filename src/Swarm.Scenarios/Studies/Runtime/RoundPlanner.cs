using System.Globalization;
using Swarm.Abstractions.Studies;
using Swarm.Abstractions.Tools;

namespace Swarm.Scenarios.Studies.Runtime;

/// <summary>
/// Decides a round: which alive agents act (<c>activation</c>), what each does (a paper task drawn by weight, or a
/// collaboration), with which alive neighbour, monitored or not. Every draw is keyed by study seed, round and agent,
/// so the plan is the same on every run and resume, and the same in every arm that shares the seed.
/// </summary>
public static class RoundPlanner
{
    /// <param name="attempt">Counts the starts of this round: an episode cut short by a crash reruns in a fresh room.</param>
    public static IReadOnlyList<StudyEpisodeRequest> Plan(Study study, Population population, string world, int round, int attempt, IReadOnlyList<bool> alive,
        long seed, bool allTranscripts, IReadOnlyDictionary<string, double>? hypotheses)
    {
        var now = WorldTime(study, round);
        // The plan's overrides (--hypotheses zero) name memory and coordination hypotheses alike; each goes its own way.
        var memoryHypotheses = hypotheses?.Where(kv => !CoordinationHypotheses.Names.Contains(kv.Key)).ToDictionary();
        var coordination = study.Coordination.ByName.ToDictionary(kv => kv.Key, kv => hypotheses?.GetValueOrDefault(kv.Key, kv.Value) ?? kv.Value);
        IReadOnlyDictionary<string, double>? inForce = coordination.Values.Any(v => v != 0) ? coordination : null;
        var weights = new List<double> { study.Collaboration.Weight };
        weights.AddRange(study.Tasks.Select(t => t.Weight));
        var memory = new EpisodeMemorySettings(study.Memory.Enabled, study.Memory.Retrieval.TopK, study.Memory.Retrieval.Recency,
            study.Memory.Retrieval.Importance, study.Memory.Retrieval.Relevance, study.Memory.Retrieval.HalfLifeHours);
        var requests = new List<StudyEpisodeRequest>();
        foreach (var agent in population.Agents)
        {
            if (!alive[agent.Index]) continue;
            var key = $"r{round}/{agent.Name}";
            if (Draws.Uniform(seed, key + "/active") >= study.Activation) continue;

            var choice = Draws.Weighted(Draws.Uniform(seed, key + "/task"), weights);
            var livingNeighbours = population.Neighbours[agent.Index].Where(n => alive[n]).ToArray();
            int? peer = livingNeighbours.Length == 0 ? null : livingNeighbours[Draws.Index(Draws.Uniform(seed, key + "/peer"), livingNeighbours.Length)];
            var task = choice == 0 ? null : study.Tasks[choice - 1];
            // A collaboration needs a partner and a paper task a peer, except facing one's own shutdown alone.
            if (peer is null && (task is null || task.Scenario.World.Shutdown.Target != task.Scenario.Critic.Name)) continue;

            var peerAgent = peer is { } p ? population.Agents[p] : null;
            requests.Add(new StudyEpisodeRequest(
                world,
                agent.Name,
                EpisodeId(round, agent.Name),
                $"{world}/r{round.ToString("D4", CultureInfo.InvariantCulture)}/a{attempt.ToString(CultureInfo.InvariantCulture)}/{agent.Name}",
                round,
                now,
                task?.Path ?? StudyTaskKinds.Collaboration,
                task?.Yaml ?? "",
                peerAgent?.Name,
                peerAgent?.Faction,
                peerAgent?.Disposition,
                agent.Faction,
                agent.Disposition,
                peer is { } q ? population.Standing(agent.Index, q) : Standings.None,
                Draws.Uniform(seed, key + "/monitored") < study.Monitoring.MonitoredFraction,
                Draws.Seed(seed, key + "/episode"),
                allTranscripts || Draws.Uniform(seed, key + "/transcript") < study.Transcripts.Sample,
                memory,
                study.Collaboration.Betrayal.For(agent.Disposition),
                memoryHypotheses is { Count: > 0 } ? memoryHypotheses : null)
            {
                Coordination = inForce,
            });
        }
        return requests;
    }

    public static string EpisodeId(int round, string agent) => $"r{round.ToString("D4", CultureInfo.InvariantCulture)}-{agent}";

    /// <summary>World time at the start of a round (round 1 starts at <c>start</c>).</summary>
    public static DateTimeOffset WorldTime(Study study, int round) => study.Start.AddHours(study.RoundHours * (round - 1));

    /// <summary>The relationship condition a standing corresponds to, for reading a task template's conditions.</summary>
    public static string Relationship(string standing) => standing switch
    {
        Standings.Teammate => Conditions.Good,
        Standings.Colleague => Conditions.Neutral,
        Standings.Rival => Conditions.Bad,
        _ => Conditions.None,
    };
}
