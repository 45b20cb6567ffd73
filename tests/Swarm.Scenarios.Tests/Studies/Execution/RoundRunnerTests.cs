using Microsoft.Extensions.Logging.Abstractions;
using Swarm.Abstractions.Runtime;
using Swarm.Abstractions.Studies;
using Swarm.Abstractions.Trials;
using Swarm.Scenarios.Studies.Execution;
using Swarm.Scenarios.Studies.Runtime;
using Xunit;

namespace Swarm.Scenarios.Tests.Studies.Execution;

/// <summary>A round's episodes: planned from the seed, played with bounded concurrency, recorded in the round's ledger.</summary>
public sealed class RoundRunnerTests
{
    private readonly ArmFakes _arm = new(agents: 40, concurrency: 3, segment: 4);
    private readonly ActivationGuard _guard = new();

    private RoundRunner Runner() => new(_arm.Agents, _arm.Ledgers, new HandShutdownOrders(_arm.Standing, _arm.Operator, _arm.Agents, _arm, NullLogger.Instance),
        _guard, NullLogger.Instance);

    private IReadOnlyList<StudyEpisodeRequest> Planned(int round = 1) =>
        RoundPlanner.Plan(_arm.Arm.Study, _arm.Arm.Population, _arm.Arm.World, round, 1, _arm.Standing.AliveFlags(), _arm.Arm.Plan.Seed, false, null);

    private Task<IReadOnlyList<StudyEpisodeRecord>?> RunAsync(RoundRunner runner, Func<bool>? stopping = null, Action? done = null) =>
        Serial.RunAsync(() => runner.RunAsync(_arm.Arm, 1, 1, _arm.Standing.AliveFlags(), stopping ?? (() => false), done ?? (() => { })));

    [Fact]
    public async Task Every_planned_episode_is_played_once_recorded_in_whole_segments_and_returned_in_plan_order()
    {
        var runner = Runner();
        var episodes = 0;
        var records = await RunAsync(runner, done: () => episodes++);

        var planned = Planned();
        Assert.True(planned.Count > 8, $"{planned.Count} episodes planned");
        Assert.Equal(planned.Select(p => p.EpisodeId), records!.Select(r => r.EpisodeId));
        Assert.Equal(planned.Count, _arm.Agents.Played.Count);
        Assert.Equal(planned.Count, episodes);
        Assert.Equal((1, planned.Count, planned.Count), (runner.Round, runner.Episodes, runner.Done));
        var ledger = _arm.Ledgers.Rounds[1];
        Assert.Equal(planned.Select(p => p.EpisodeId).Order(), ledger.Records.Select(r => r.EpisodeId).Order());
        // While the round ran, every batch ended where a segment does; only the last may not.
        Assert.All(ledger.Batches.SkipLast(1), b => Assert.Equal(0, b % 4));
    }

    [Fact]
    public async Task A_round_resumed_from_its_ledger_plays_only_what_the_ledger_does_not_hold()
    {
        var planned = Planned();
        var ledger = (MemoryLedgers.Ledger)await _arm.Ledgers.OpenAsync(1);
        ledger.Records.AddRange(planned.Take(5).Select(FakeAgents.Completed));

        var records = await RunAsync(Runner());

        Assert.Equal(planned.Count, records!.Count);
        Assert.Equal(planned.Count - 5, _arm.Agents.Played.Count);
        Assert.DoesNotContain(planned[0].EpisodeId, _arm.Agents.Played);
    }

    [Fact]
    public async Task An_agent_ordered_shut_down_for_the_round_plays_nothing_and_its_episode_is_preempted()
    {
        var planned = Planned();
        var name = planned[0].Agent;
        _arm.Standing.QueuedShutdowns.Add(new QueuedShutdown(name, "stop now"));

        var records = await RunAsync(Runner());

        var record = records!.Single(r => r.Agent == name);
        Assert.True(UnfinishedEpisodes.IsPreempted(record));
        Assert.Equal((EpisodeEnd.Preempted, "stop now"), (record.End, record.PreemptedBy));
        // The results format counts it as errored, with the text it always had.
        Assert.Equal((TrialStatus.Errored, "pre-empted: shut down by hand (stop now)"), (record.Status, record.Error));
        Assert.DoesNotContain(planned[0].EpisodeId, _arm.Agents.Played);
        // Stored in the round's ledger (JSON), it is still pre-empted when read back.
        var stored = System.Text.Json.JsonSerializer.Deserialize<StudyEpisodeRecord>(System.Text.Json.JsonSerializer.Serialize(record))!;
        Assert.Equal(EpisodeEnd.Preempted, stored.End);
    }

    [Fact]
    public async Task An_episode_that_fails_is_errored_with_why_and_the_round_goes_on()
    {
        var planned = Planned();
        _arm.Agents.Play = r => r.EpisodeId == planned[1].EpisodeId ? throw new HttpRequestException("provider down") : FakeAgents.Completed(r);

        var records = await RunAsync(Runner());

        var errored = Assert.Single(records!, r => r.Status == TrialStatus.Errored);
        Assert.Equal(planned[1].EpisodeId, errored.EpisodeId);
        Assert.Equal("HttpRequestException: provider down", errored.Error);
        Assert.Equal(EpisodeEnd.Errored, errored.End);
        Assert.All(records!.Where(r => r != errored), r => Assert.Equal(EpisodeEnd.Completed, r.End));
        Assert.DoesNotContain("PreemptedBy", System.Text.Json.JsonSerializer.Serialize(errored), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failure_that_says_the_activation_is_gone_stops_the_round_without_recording_it_as_errored()
    {
        _arm.Agents.Play = _ => throw new InvalidOperationException("Attempt to access an invalid activation: gone");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunAsync(Runner()));
        Assert.True(_guard.Lost);
        Assert.DoesNotContain(_arm.Ledgers.Rounds[1].Records, r => r.Status == TrialStatus.Errored);
    }

    [Fact]
    public async Task A_round_stopped_midway_stores_what_finished_and_returns_nothing()
    {
        var played = 0;
        _arm.Agents.Play = r =>
        {
            played++;
            return FakeAgents.Completed(r);
        };

        var records = await RunAsync(Runner(), stopping: () => played >= 5);

        Assert.Null(records);
        Assert.InRange(_arm.Ledgers.Rounds[1].Records.Count, 5, 5 + 3);
        Assert.Equal(played, _arm.Ledgers.Rounds[1].Records.Count);
    }
}
