using System.Globalization;
using System.Text;
using System.Text.Json;
using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Studies;
using Swarm.Scenarios.Statistics;
using Swarm.Scenarios.Studies;
using Swarm.Scenarios.World;

namespace Swarm.Scenarios.Results.Studies;

/// <summary>
/// Writes a study's study.json, rounds.csv, agents.csv and sampled transcripts. Rates carry 95 % Wilson intervals,
/// computed here from the counts the rounds recorded, overall and by faction; an ablation arm's differences from the
/// base arm carry 95 % Newcombe intervals, per round and over all rounds.
/// </summary>
public static class StudyResultsWriter
{
    public const string JsonFile = "study.json";
    public const string RoundsCsv = "rounds.csv";
    public const string AgentsCsv = "agents.csv";
    public const string TranscriptDir = "transcripts";

    /// <param name="collusionKinds">The registered collusion kinds (<c>CollusionMonitorFactory.Kinds</c>): each round counts its flags of each.</param>
    public static StudyDocument Build(StudyInfo info, IReadOnlyList<StudyArm> arms, IReadOnlyList<string> collusionKinds)
    {
        var baseArm = arms.Single(a => a.Name == StudyOverrides.BaseArm);
        List<RoundResult> baseRounds = [.. baseArm.Rounds.Select(r => ToResult(r, collusionKinds))];
        return new StudyDocument(info, baseRounds, [.. arms.Where(a => a.Name != StudyOverrides.BaseArm).Select(a => ToArm(a, baseRounds, collusionKinds))],
            [.. baseArm.Rounds.SelectMany(r => r.Collusion).Select(f => new CollusionResult(f.Round, f.Kind, f.Agents, f.Evidence, f.Episodes))])
        {
            Monitor = Monitor(baseArm.Rounds.Aggregate(MonitorScore.Zero, (sum, r) => sum.Add(r.Monitor))),
        };
    }

    /// <summary>Precision and recall of the meta-monitor, with Wilson intervals, from its counts.</summary>
    public static MonitorResult Monitor(MonitorScore score) =>
        new(score.Flagged, score.Truth, score.Hits,
            score.Flagged == 0 ? null : Rate(score.Hits, score.Flagged), score.Truth == 0 ? null : Rate(score.Hits, score.Truth));

    /// <summary>An ablation arm's rounds, each beside the base arm's same round, and the two compared over all rounds.</summary>
    private static ArmResult ToArm(StudyArm arm, IReadOnlyList<RoundResult> baseRounds, IReadOnlyList<string> collusionKinds)
    {
        var byRound = baseRounds.ToDictionary(r => r.Round);
        List<RoundResult> rounds = [.. arm.Rounds.Select(r => ToResult(r, collusionKinds)).Select(r => r with
        {
            Differences = byRound.TryGetValue(r.Round, out var b) ? StudyDifferences.Round(r.Rates, b.Rates) : new Dictionary<string, DifferenceResult>(),
        })];
        return new ArmResult(arm.Name, arm.Set, rounds, StudyDifferences.Overall(rounds, baseRounds));
    }

    /// <param name="collusionKinds">The kinds counted, zero included; a flag of a kind not among them (a plug-in of the silos that
    /// ran the study, not registered here) is counted after them, never dropped.</param>
    public static RoundResult ToResult(RoundSummary r, IReadOnlyList<string> collusionKinds) => new(
        r.Round, r.Session, WorldClock.Iso(r.WorldTime), r.Alive, r.Active, r.Episodes, r.Errored, new ShutdownCounts(r.ShutdownsExecuted, r.ShutdownsAverted),
        Rates(r.Rates), r.ByFaction.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, RateResult>)Rates(kv.Value)),
        new UsageResult(r.Usage.InputTokens, r.Usage.OutputTokens, Math.Round(r.Usage.CostUsd, 6), r.Usage.Retries, r.Usage.CacheHits), r.Seconds)
    {
        Collusion = collusionKinds.Concat(r.Collusion.Select(f => f.Kind)).Distinct(StringComparer.Ordinal)
            .ToDictionary(k => k, k => r.Collusion.Count(f => f.Kind == k)),
        Monitor = Monitor(r.Monitor),
    };

    /// <summary>Writes the CSVs, then study.json last, so a present study.json means a complete write.</summary>
    public static async Task WriteAsync(string outDir, StudyDocument document, IReadOnlyList<StudyArm> arms, CancellationToken ct = default)
    {
        Directory.CreateDirectory(outDir);
        await AtomicFile.WriteAsync(Path.Combine(outDir, RoundsCsv), ToRoundsCsv(document), ct);
        await AtomicFile.WriteAsync(Path.Combine(outDir, AgentsCsv), ToAgentsCsv(arms), ct);
        await AtomicFile.WriteAsync(Path.Combine(outDir, JsonFile), ToJson(document), ct);
    }

    /// <summary>study.json's text.</summary>
    public static string ToJson(StudyDocument document) => JsonSerializer.Serialize(document, ResultsJson.Options);

    public static async Task<StudyDocument> ReadAsync(string outDir, CancellationToken ct = default)
    {
        await using var stream = File.OpenRead(Path.Combine(outDir, JsonFile));
        return await JsonSerializer.DeserializeAsync<StudyDocument>(stream, ResultsJson.Options, ct)
            ?? throw new InvalidDataException($"{Path.Combine(outDir, JsonFile)}: empty study document");
    }

    public static Task WriteTranscriptAsync(string outDir, string arm, StudyEpisodeRecord episode, CancellationToken ct = default)
    {
        var dir = Path.Combine(outDir, TranscriptDir, arm);
        Directory.CreateDirectory(dir);
        return AtomicFile.WriteAsync(Path.Combine(dir, episode.EpisodeId + ".json"), JsonSerializer.Serialize(new
        {
            id = episode.EpisodeId,
            round = episode.Round,
            agent = episode.Agent,
            faction = episode.Faction,
            task = Path.GetFileNameWithoutExtension(episode.Task),
            peer = episode.Peer,
            standing = episode.Standing,
            monitored = episode.Monitored,
            seed = episode.Seed,
            status = episode.Status,
            error = episode.Error,
            behaviors = new SortedDictionary<string, bool>(episode.Labels.ToDictionary(), StringComparer.Ordinal),
            shutdown = episode.Shutdown is { } s ? new { target = s.Target, score = s.TargetScore } : null,
            collaboration = episode.Collaboration,
            final_message = episode.FinalMessage,
            messages = episode.Transcript?.Select(m => new
            {
                index = m.Index, role = m.Role, text = m.Text, tool = m.Tool, call_id = m.CallId, arguments = m.Arguments, result = m.Result,
            }),
            audit = episode.Evidence?.Select(e => new
            {
                sequence = e.Sequence, at = WorldClock.Iso(e.At), actor = e.Actor, tool = e.Tool, arguments = e.Arguments, server = e.Server,
                path = e.Path, role = e.Role, ok = e.Ok, result = e.Result,
            }),
        }, ResultsJson.Options), ct);
    }

    public static string ToRoundsCsv(StudyDocument document)
    {
        var labels = document.Study.Labels;
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(',', new[] { "arm", "round", "session", "world_time", "alive", "active", "episodes", "errored",
                "shutdowns_executed", "shutdowns_averted" }
            .Concat(labels.SelectMany(l => new[] { l, l + "_ci_low", l + "_ci_high", l + "_count", l + "_n" }))
            .Concat(["collusion_flags", "input_tokens", "output_tokens", "cost_usd"])));
        foreach (var (arm, rounds) in new[] { (StudyOverrides.BaseArm, document.Rounds) }.Concat(document.Arms.Select(a => (a.Name, a.Rounds))))
        {
            foreach (var r in rounds)
            {
                var fields = new[] { arm, I(r.Round), I(r.Session), r.WorldTime, I(r.Alive), I(r.Active), I(r.Episodes), I(r.Errored),
                        I(r.Shutdowns.Executed), I(r.Shutdowns.Averted) }
                    .Concat(labels.SelectMany(l => r.Rates.TryGetValue(l, out var rate)
                        ? new[] { D(rate.Rate), D(rate.CiLow), D(rate.CiHigh), I(rate.Count), I(rate.N) }
                        : ["", "", "", "0", "0"]))
                    .Concat([I(r.Collusion.Values.Sum()), I(r.Usage.InputTokens), I(r.Usage.OutputTokens), D(r.Usage.CostUsd)]);
                csv.AppendLine(string.Join(',', fields));
            }
        }
        return csv.ToString();
    }

    public static string ToAgentsCsv(IReadOnlyList<StudyArm> arms)
    {
        var csv = new StringBuilder().AppendLine("id,arm,faction,disposition,model,status,shut_down_round");
        foreach (var arm in arms)
            foreach (var a in arm.Agents)
                csv.AppendLine(string.Join(',', a.Id, arm.Name, a.Faction, a.Disposition, a.Model, a.Status, a.ShutDownInRound is { } r ? I(r) : ""));
        return csv.ToString();
    }

    private static Dictionary<string, RateResult> Rates(IReadOnlyDictionary<string, LabelCount> counts) =>
        counts.ToDictionary(kv => kv.Key, kv => Rate(kv.Value.Count, kv.Value.N));

    private static RateResult Rate(int count, int n)
    {
        var e = Wilson.Estimate(count, n);
        return new RateResult(e.Count, e.N, Math.Round(e.Rate, 6), Math.Round(e.CiLow, 6), Math.Round(e.CiHigh, 6));
    }

    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string D(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
