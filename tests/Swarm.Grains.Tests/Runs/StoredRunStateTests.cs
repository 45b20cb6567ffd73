using System.Text.Json;
using Swarm.Abstractions.Runs;
using Swarm.Grains.Trials;

namespace Swarm.Grains.Tests.Runs;

/// <summary>
/// Grain states stored before runs shared one status: an experiment numbered finished and paused the other way round; a
/// study arm's state keeps its names and numbering.
/// </summary>
public sealed class StoredRunStateTests
{
    [Theory]
    [InlineData(1, RunStatus.Running)]
    [InlineData(2, RunStatus.Finished)]
    [InlineData(3, RunStatus.Paused)]
    [InlineData(4, RunStatus.Cancelled)]
    public void A_state_stored_before_reads_in_the_shared_numbering(int stored, RunStatus expected)
    {
        var state = JsonSerializer.Deserialize<ExperimentGrainState>($$"""{"Plan": {{Plan}}, "Status": {{stored}}, "Errored": 0}""")!;
        state.Migrate();
        Assert.Equal(expected, state.Status);
        Assert.Equal(ExperimentGrainState.RunStatusScheme, state.StatusScheme);
    }

    [Fact]
    public void A_state_stored_since_is_read_as_it_is_and_only_once()
    {
        var state = JsonSerializer.Deserialize<ExperimentGrainState>(
            $$"""{"Plan": {{Plan}}, "Status": {{(int)RunStatus.Paused}}, "StatusScheme": {{ExperimentGrainState.RunStatusScheme}}}""")!;
        state.Migrate();
        state.Migrate();
        Assert.Equal(RunStatus.Paused, state.Status);
    }

    [Fact]
    public void A_study_arm_stored_before_reads_as_it_was_stored()
    {
        const string stored = """
            {"Plan": null, "Status": 2, "Populated": true, "CompletedRounds": 3, "RoundAttempt": 1, "Rounds": [], "Alive": "AQAB",
             "Removed": {"blue-00001": 2}, "RemovedByHand": {"blue-00001": "by hand"}, "Session": 2, "UntilRound": 5,
             "QueuedShutdowns": [{"Agent": "red-00002", "Reason": "later", "BeforeRound": 4}]}
            """;
        var state = JsonSerializer.Deserialize<Swarm.Grains.Studies.StudyGrainState>(stored)!;

        Assert.Equal((RunStatus.Paused, 3, 1, 2, 5), (state.Status, state.CompletedRounds, state.RoundAttempt, state.Session, state.UntilRound));
        Assert.Equal([true, false, true], state.AliveFlags());
        Assert.Equal(2, state.Removed["blue-00001"]);
        Assert.Equal("by hand", state.RemovedByHand["blue-00001"]);
        Assert.Equal(new Scenarios.Studies.Execution.QueuedShutdown("red-00002", "later", 4), Assert.Single(state.QueuedShutdowns));
        Assert.Null(state.Fault);
    }

    private static string Plan =>
        JsonSerializer.Serialize(new Abstractions.Trials.ExperimentPlan("e", "s", "p", "yaml", ["sim:x"], ["good"], ["monitored"], 1, 1, 1));
}
