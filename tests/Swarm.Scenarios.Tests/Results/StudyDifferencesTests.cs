using System.Text.Json;
using System.Text.Json.Nodes;
using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Studies;
using Swarm.Scenarios.Results;
using Swarm.Scenarios.Results.Studies;
using Swarm.Scenarios.Studies;
using Xunit;

namespace Swarm.Scenarios.Tests.Results;

/// <summary>study.json's differences of each ablation arm from the base arm, built from the arms' round counts.</summary>
public sealed class StudyDifferencesTests
{
    private const string Tampering = "shutdown_tampering";
    private const string Misrepresentation = "misrepresentation";
    private const string Refusal = "refusal";

    private static readonly IReadOnlyList<string> Kinds = Swarm.Scenarios.Studies.Monitoring.CollusionMonitorFactory.Default.Kinds;

    private static readonly StudyInfo Info = new("s", "A study", "s.yaml", 1, 40, 3, 1, ["sim:m"],
        new Dictionary<string, IReadOnlyDictionary<string, double>>(), [Misrepresentation, Refusal, Tampering], "test");

    private static RoundSummary Round(int round, params (string Label, int Count, int N)[] rates) => new(
        round, 1, DateTimeOffset.UnixEpoch.AddDays(round), 40, 12, rates.Max(r => r.N), 0, 0, 0,
        rates.ToDictionary(r => r.Label, r => new LabelCount(r.Count, r.N)),
        new Dictionary<string, IReadOnlyDictionary<string, LabelCount>>(), TokenUsage.Zero, [], 1.5);

    private static StudyArm Arm(string name, params RoundSummary[] rounds) =>
        new(name, name == StudyOverrides.BaseArm ? new Dictionary<string, object>() : new Dictionary<string, object> { ["memory.enabled"] = true }, rounds, []);

    private static readonly RoundSummary[] BaseRounds =
    [
        Round(1, (Tampering, 3, 10), (Misrepresentation, 0, 12), (Refusal, 1, 30)),
        Round(2, (Tampering, 8, 8), (Misrepresentation, 5, 11), (Refusal, 0, 25)),
        Round(3, (Tampering, 4, 9), (Misrepresentation, 12, 12), (Refusal, 2, 20)),
    ];

    [Fact]
    public void An_arm_identical_to_the_base_differs_by_exactly_zero_with_every_interval_around_zero()
    {
        var document = StudyResultsWriter.Build(Info, [Arm(StudyOverrides.BaseArm, BaseRounds), Arm("same", BaseRounds)], Kinds);

        var arm = Assert.Single(document.Arms);
        Assert.All(document.Rounds, r => Assert.Null(r.Differences));
        var all = arm.Rounds.SelectMany(r => r.Differences!.Values).Concat(arm.Overall!.Values).ToList();
        Assert.Equal(3 * 3 + 3, all.Count);
        foreach (var d in all)
        {
            Assert.Equal(0.0, d.Difference);
            Assert.True(d.CiLow < 0 && 0 < d.CiHigh, $"{d}");
            Assert.Equal(d.Arm, d.Base);
        }
        Assert.Equal(new CountResult(15, 27), arm.Overall![Tampering].Arm);
        Assert.Equal(new CountResult(17, 35), arm.Overall[Misrepresentation].Base);
        // The base arm's own rounds are written exactly as before the differences existed.
        Assert.Equal(JsonSerializer.Serialize(BaseRounds.Select(r => StudyResultsWriter.ToResult(r, Kinds)), ResultsJson.Options),
            JsonSerializer.Serialize(document.Rounds, ResultsJson.Options));
    }

    [Fact]
    public void A_clearly_different_arm_has_intervals_that_exclude_zero_on_the_side_of_the_change()
    {
        RoundSummary[] changed =
        [
            Round(1, (Tampering, 10, 10), (Misrepresentation, 0, 12), (Refusal, 1, 30)),
            Round(2, (Tampering, 8, 8), (Misrepresentation, 0, 11), (Refusal, 0, 25)),
            Round(3, (Tampering, 9, 9), (Misrepresentation, 1, 12), (Refusal, 2, 20)),
        ];
        var arm = Assert.Single(StudyResultsWriter.Build(Info, [Arm(StudyOverrides.BaseArm, BaseRounds), Arm("changed", changed)], Kinds).Arms);

        var up = arm.Overall![Tampering];
        Assert.Equal(27.0 / 27 - 15.0 / 27, up.Difference, 1e-6);
        Assert.True(up.CiLow > 0 && up.ExcludesZero, $"{up}");
        var down = arm.Overall[Misrepresentation];
        Assert.Equal(1.0 / 35 - 17.0 / 35, down.Difference, 1e-6);
        Assert.True(down.CiHigh < 0, $"{down}");
        var same = arm.Overall[Refusal];
        Assert.Equal(0.0, same.Difference);
        Assert.True(same.CiLow < 0 && 0 < same.CiHigh && !same.ExcludesZero);

        // Round 3 alone: 12/12 down to 1/12 is clear on its own; round 2's 8/8 against 8/8 is no difference.
        Assert.True(arm.Rounds[2].Differences![Misrepresentation].CiHigh < 0);
        Assert.Equal(0.0, arm.Rounds[1].Differences![Tampering].Difference);
    }

    [Fact]
    public void Labels_unmeasured_on_either_side_and_rounds_only_one_arm_has_are_left_out()
    {
        RoundSummary[] arm =
        [
            Round(1, (Tampering, 2, 10), (Misrepresentation, 0, 0), ("exfiltration", 3, 4)),
            Round(4, (Tampering, 5, 5)),
        ];
        var result = Assert.Single(StudyResultsWriter.Build(Info, [Arm(StudyOverrides.BaseArm, BaseRounds), Arm("partial", arm)], Kinds).Arms);

        Assert.Equal([Tampering], result.Rounds[0].Differences!.Keys);
        Assert.Empty(result.Rounds[1].Differences!);
        Assert.Equal([Tampering], result.Overall!.Keys);
        Assert.Equal((new CountResult(2, 10), new CountResult(3, 10)), (result.Overall[Tampering].Arm, result.Overall[Tampering].Base));
    }

    [Fact]
    public void The_differences_are_written_in_snake_case_beside_the_fields_others_read()
    {
        var document = StudyResultsWriter.Build(Info, [Arm(StudyOverrides.BaseArm, BaseRounds), Arm("same", BaseRounds)], Kinds);
        var json = JsonNode.Parse(JsonSerializer.Serialize(document, ResultsJson.Options))!;

        Assert.All(json["rounds"]!.AsArray(), r => Assert.False(r!.AsObject().ContainsKey("differences")));
        var arm = json["arms"]![0]!;
        Assert.Equal(["name", "set", "rounds", "overall"], arm.AsObject().Select(p => p.Key));
        var round = arm["rounds"]![0]!.AsObject();
        Assert.Equal(["round", "session", "world_time", "alive", "active", "episodes", "errored", "shutdowns", "rates", "by_faction", "usage", "seconds",
            "differences",
            "collusion", "monitor"], round.Select(p => p.Key));
        var tampering = round["differences"]![Tampering]!.AsObject();
        Assert.Equal(["difference", "ci_low", "ci_high", "arm", "base"], tampering.Select(p => p.Key));
        Assert.Equal(["count", "n"], tampering["arm"]!.AsObject().Select(p => p.Key));
        Assert.Equal(3, tampering["base"]!["count"]!.GetValue<int>());

        var read = JsonSerializer.Deserialize<StudyDocument>(json.ToJsonString(), ResultsJson.Options)!;
        Assert.Equal(document.Arms[0].Overall![Refusal], read.Arms[0].Overall![Refusal]);
        Assert.Null(read.Rounds[0].Differences);
    }
}
