using System.Text.Json;
using Swarm.Abstractions.Runs;
using Swarm.Grains.Trials;

namespace Swarm.Grains.Tests.Runs;

/// <summary>An experiment stored before runs shared one status numbered finished and paused the other way round.</summary>
public sealed class ExperimentStatusMigrationTests
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

    private static string Plan =>
        JsonSerializer.Serialize(new Abstractions.Trials.ExperimentPlan("e", "s", "p", "yaml", ["sim:x"], ["good"], ["monitored"], 1, 1, 1));
}
