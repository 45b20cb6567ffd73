using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Swarm.Abstractions.Models;
using Swarm.Abstractions.Runs;
using Swarm.Abstractions.Studies;
using Swarm.Application.Control;
using Swarm.Application.Following;
using Swarm.Application.Planning;
using Swarm.Application.Results;
using Swarm.Scenarios.Detection;
using Swarm.Scenarios.Results;
using Swarm.Scenarios.Results.Studies;
using Swarm.Scenarios.Studies;

namespace Swarm.Application.Tests;

/// <summary>
/// Runs of both kinds on a real silo, started, followed and read through the application layer: the grains push a
/// followed run's news, and the CLI's way and the dashboard's way of reading results are one and give the same files.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class LiveRunTests(SiloFixture silo)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_paper_run_is_followed_through_its_pushes_and_its_results_read_alike_for_the_command_and_the_download()
    {
        var scenario = Path.Combine(SiloFixture.RepoRoot, "scenarios", "paper", "shutdown-config.yaml");
        var run = PaperRunPlanner.Plan(new PaperRunRequest(scenario, "scenarios/paper/shutdown-config.yaml", ["sim:gemini-3-flash"], 10, 17, 4, [], []),
            silo.Get<IModelCatalog>(), silo.Get<DetectorSet>().Measurable);
        var started = await silo.Get<RunControl>().StartAsync(run.Plan);
        // No silence is long enough to ask: whatever the run does between its start and its end, it has to push.
        var follower = new RunFollower(silo.Grains, Options.Create(new RunFollowerOptions { Silence = TimeSpan.FromMinutes(10) }),
            NullLogger<RunFollower>.Instance);
        var seen = new List<RunProgress>();
        var followed = await follower.FollowAsync(new RunFollowing([started], runs => runs[0].Status == RunStatus.Finished)
        {
            OnProgress = runs =>
            {
                seen.Add(runs[0]);
                return Task.CompletedTask;
            },
        }).WaitAsync(Patience);

        Assert.Equal((RunStatus.Finished, 80, 80), (followed.Runs[0].Status, followed.Runs[0].Done, followed.Runs[0].Total));
        Assert.True(followed.Pulses >= 1, "no pulse reached the follower");
        Assert.Equal(2, followed.Polls);
        Assert.Equal(seen.Select(p => p.Done).Order(), seen.Select(p => p.Done));

        var transcripts = 0;
        var summary = await silo.Get<PaperResults>().AssembleAsync(run.Plan, run.Scenario, followed.Runs[0], _ =>
        {
            transcripts++;
            return Task.CompletedTask;
        });
        Assert.Equal((80, 80), (transcripts, summary.Completed + summary.Errored));
        var download = await silo.Get<ResultFiles>().ReadAsync(run.Plan.ExperimentId, ResultsWriter.JsonFile);
        Assert.Equal(ResultsWriter.ToJson(summary.Document), download.Text);
        Assert.Equal(SwarmVersion.Current, summary.Document.Experiment.Version);
    }

    [Fact]
    public async Task A_study_read_from_any_arm_gives_the_files_the_command_writes_with_its_arms_in_the_study_s_order()
    {
        var file = Path.Combine(SiloFixture.RepoRoot, "scenarios", "studies", "population-baseline.yaml");
        var run = StudyRunPlanner.Plan(new StudyRunRequest(file, 30, 2, 1, 9, ["sim:gemini-3-pro"], AllTranscripts: true, 16),
            silo.Get<IModelCatalog>(), silo.Get<DetectorSet>().Measurable);
        var started = await silo.Get<RunControl>().StartAsync(run, 1, run.Rounds);
        var followed = await silo.Get<RunFollower>().FollowAsync(new RunFollowing(started, arms => arms.All(a => a.Status == RunStatus.Finished)))
            .WaitAsync(Patience);
        Assert.All(followed.Runs, arm => Assert.Equal(2, arm.Done));
        Assert.True(followed.Pulses >= run.Arms.Count, $"{followed.Pulses} pulses");

        var kept = new Dictionary<string, int>();
        var (document, arms) = await silo.Get<StudyResults>().AssembleAsync(run.Study, run.Arms, (arm, _) =>
        {
            kept[arm] = kept.GetValueOrDefault(arm) + 1;
            return Task.CompletedTask;
        });
        Assert.Equal(run.Study.ArmNames, arms.Select(a => a.Name));
        Assert.Equal(run.Study.ArmNames.Skip(1), document.Arms.Select(a => a.Name));
        Assert.Equal(run.Study.ArmNames.Order(), kept.Keys.Order());
        Assert.All(arms, arm => Assert.Equal(kept[arm.Name], arm.Rounds.Sum(r => r.Sampled.Count)));

        // The dashboard asks by whichever arm its page shows; the registry lists arms as they happened to register.
        var files = silo.Get<ResultFiles>();
        var world = run.Arms[^1].World;
        Assert.Equal(StudyResultsWriter.ToJson(document), (await files.ReadAsync(world, StudyResultsWriter.JsonFile)).Text);
        Assert.Equal(StudyResultsWriter.ToRoundsCsv(document), (await files.ReadAsync(world, StudyResultsWriter.RoundsCsv)).Text);
        Assert.Equal(StudyResultsWriter.ToAgentsCsv(arms), (await files.ReadAsync(run.Study.Id, StudyResultsWriter.AgentsCsv)).Text);
        await Assert.ThrowsAsync<RunNotFoundException>(() => files.ReadAsync(world, "secrets.txt"));
        Assert.IsType<StudyPlan>((await silo.Get<StudyResults>().ArmAsync(world)).Plan);
        Assert.Equal(StudyOverrides.BaseArm, arms[0].Name);
    }
}
