using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Swarm.Abstractions.Live;
using Swarm.Abstractions.Runs;
using Swarm.Application.Following;
using Swarm.Application.Tests.Fakes;

namespace Swarm.Application.Tests;

/// <summary>
/// Following a run from fake grains: its news comes from the feed's pushes, its own answer only at the start and to
/// confirm the end; when the feed is silent or cannot be reached, asking the run takes over.
/// </summary>
public sealed class RunFollowerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_followed_run_hears_its_progress_from_the_pushes_and_is_asked_only_at_the_start_and_to_confirm_its_end()
    {
        var (grains, feed, run) = Grains(new FakeFeed(), new FakeRun(Trials(0)));
        var seen = new List<int>();
        var following = Follower(grains, silence: TimeSpan.FromMinutes(5)).FollowAsync(new RunFollowing([Trials(0)], Over)
        {
            OnProgress = runs =>
            {
                seen.Add(runs[0].Done);
                return Task.CompletedTask;
            },
        });
        await WaitUntilAsync(() => run.Polls == 1);
        for (var done = 1; done <= 10; done++) await feed.PublishAsync(new RunPulse(RunEvent.Progress, Trials(done)));
        run.Progress = Trials(10, RunStatus.Finished);
        await feed.PublishAsync(new RunPulse(RunEvent.Status, Trials(10, RunStatus.Finished)));
        var followed = await following.WaitAsync(Patience);

        Assert.Equal(RunStatus.Finished, followed.Runs[0].Status);
        Assert.Equal(11, followed.Pulses);
        // Asked once at the start and once to confirm the end the last pulse announced; the ten steps between came pushed.
        Assert.Equal((2, 2), (followed.Polls, run.Polls));
        Assert.Equal(seen.Order(), seen);
        Assert.Equal(10, seen[^1]);
        Assert.True(seen.Count >= 3, string.Join(", ", seen));
        Assert.Equal(0, feed.Watchers);
    }

    [Fact]
    public async Task A_pulse_that_announces_the_end_is_checked_against_the_run_and_following_goes_on_while_it_says_otherwise()
    {
        var (grains, feed, run) = Grains(new FakeFeed(), new FakeRun(Trials(5)));
        var following = Follower(grains, silence: TimeSpan.FromMilliseconds(100)).FollowAsync(new RunFollowing([Trials(5)], Over));
        await WaitUntilAsync(() => run.Polls == 1);
        // A stale or early pulse: the run itself still says it is running.
        await feed.PublishAsync(new RunPulse(RunEvent.Status, Trials(10, RunStatus.Finished)));
        await WaitUntilAsync(() => run.Polls >= 2);
        Assert.False(following.IsCompleted);
        run.Progress = Trials(10, RunStatus.Finished);
        var followed = await following.WaitAsync(Patience);

        Assert.Equal(RunStatus.Finished, followed.Runs[0].Status);
        Assert.True(followed.Polls >= 3, $"{followed.Polls} polls");
    }

    [Fact]
    public async Task When_the_feed_is_silent_the_run_is_asked_after_each_silence_until_it_ends()
    {
        var (grains, _, run) = Grains(new FakeFeed(), new FakeRun(Trials(0)) { OnPoll = OneMoreTrial });
        var followed = await Follower(grains, silence: TimeSpan.FromMilliseconds(20)).FollowAsync(new RunFollowing([Trials(0)], Over)).WaitAsync(Patience);

        Assert.Equal((RunStatus.Finished, 10), (followed.Runs[0].Status, followed.Runs[0].Done));
        Assert.Equal(0, followed.Pulses);
        // Trials 0 to 9 running, then finished: one question each.
        Assert.Equal((11, 11), (followed.Polls, run.Polls));
    }

    [Fact]
    public async Task A_feed_that_cannot_be_reached_leaves_asking_the_run_to_follow_it()
    {
        var (grains, _, _) = Grains(new FakeFeed(unreachable: true), new FakeRun(Trials(0)) { OnPoll = OneMoreTrial });
        var followed = await Follower(grains, silence: TimeSpan.FromMilliseconds(20)).FollowAsync(new RunFollowing([Trials(0)], Over)).WaitAsync(Patience);

        Assert.Equal(RunStatus.Finished, followed.Runs[0].Status);
        Assert.Equal(0, followed.Pulses);
    }

    [Fact]
    public async Task A_run_that_answers_from_another_silo_is_told_as_a_move_once()
    {
        var (grains, feed, run) = Grains(new FakeFeed(), new FakeRun(Trials(2) with { Silo = "S1" }));
        var moves = new List<RunMove>();
        var following = Follower(grains, silence: TimeSpan.FromMinutes(5)).FollowAsync(new RunFollowing([Trials(2) with { Silo = "S1" }], Over)
        {
            OnMoved = move =>
            {
                moves.Add(move);
                return Task.CompletedTask;
            },
        });
        await WaitUntilAsync(() => run.Polls == 1);
        await feed.PublishAsync(new RunPulse(RunEvent.Progress, Trials(3) with { Silo = "S1" }));
        // The silo holding the run died; the run resumed on another and goes on pushing from there.
        await feed.PublishAsync(new RunPulse(RunEvent.Progress, Trials(4) with { Silo = "S2" }));
        await feed.PublishAsync(new RunPulse(RunEvent.Progress, Trials(5) with { Silo = "S2" }));
        var finished = Trials(10, RunStatus.Finished) with { Silo = "S2" };
        run.Progress = finished;
        await feed.PublishAsync(new RunPulse(RunEvent.Status, finished));
        await following.WaitAsync(Patience);

        Assert.Equal([new RunMove(RunKinds.Experiment, "paper-1", "S1", "S2")], moves);
    }

    private static RunProgress Trials(int done, RunStatus status = RunStatus.Running) => new(RunKinds.Experiment, "paper-1", status, done, 10);

    private static RunProgress OneMoreTrial(RunProgress p) => p.Done + 1 >= 10 ? Trials(10, RunStatus.Finished) : Trials(p.Done + 1);

    private static bool Over(IReadOnlyList<RunProgress> runs) => runs[0].Status == RunStatus.Finished;

    private static (IGrainFactory Grains, FakeFeed Feed, FakeRun Run) Grains(FakeFeed feed, FakeRun run)
    {
        var (grains, fakes) = FakeGrains.Create();
        fakes.Add<IRunFeedGrain>(IRunFeedGrain.Key, feed).AddRun("paper-1", run);
        return (grains, feed, run);
    }

    private static RunFollower Follower(IGrainFactory grains, TimeSpan silence) =>
        new(grains, Options.Create(new RunFollowerOptions { Silence = silence }), NullLogger<RunFollower>.Instance);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(10);
        }
    }
}
