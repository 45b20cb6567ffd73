using System.Globalization;
using Spectre.Console;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Runs;
using Swarm.Abstractions.Studies;
using Swarm.Application.Following;
using Swarm.Cli.Commands;

namespace Swarm.Cli.Output;

/// <summary>
/// Follows every arm of a study until the session's last round is done, as the arms' grains push it
/// (<see cref="RunFollower"/>): a bar on a terminal, a line per round (and every 10 s) in a log. The base arm's progress
/// is shown, with the rates of its last round.
/// </summary>
public static class StudyProgressView
{
    private static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(10);

    /// <param name="arms">Every arm as its start answered, the base arm first.</param>
    /// <exception cref="RunFaultedException">An arm faulted.</exception>
    /// <exception cref="Abstractions.Runtime.RunCancelledException">An arm was cancelled from elsewhere.</exception>
    /// <exception cref="RunPausedException">An arm was paused from elsewhere before the session's end.</exception>
    public static async Task FollowAsync(RunFollower follower, IStudyGrain baseArm, IReadOnlyList<RunProgress> arms, int rounds, int until,
        CancellationToken ct)
    {
        var end = Math.Min(until, rounds);
        var line = new RoundLine(baseArm, rounds);
        // An arm paused at the session's end has done its part; one paused before is stopped.
        var following = new RunFollowing(arms, runs => runs.All(p => p.Done >= end && p.Status != RunStatus.Running) || runs.Any(p => Stops(p, end)))
        {
            Ask = ask => ClusterPatience.CallAsync(ask, ct),
            OnMoved = ClusterPatience.ReportMove,
        };
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            var lastLine = DateTime.MinValue;
            var lastRound = -1;
            var logged = await follower.FollowAsync(following with
            {
                OnProgress = async runs =>
                {
                    var main = runs[0];
                    if (following.Settled(runs) || main.Round == 0 || (main.Done == lastRound && DateTime.UtcNow - lastLine < LogEvery)) return;
                    Console.WriteLine("  " + await line.DescribeAsync(main));
                    lastLine = DateTime.UtcNow;
                    lastRound = main.Done;
                },
            }, ct);
            RunStops.Check(logged.Runs, p => p.Done < end);
            return;
        }
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask("study", maxValue: rounds);
                var followed = await follower.FollowAsync(following with
                {
                    OnProgress = async runs =>
                    {
                        var main = runs[0];
                        if (following.Settled(runs) || main.Round == 0) return;
                        bar.Value = main.Done + (main.RoundEpisodes == 0 ? 0 : (double)main.RoundDone / main.RoundEpisodes * (main.Round > main.Done ? 1 : 0));
                        bar.Description = Markup.Escape(await line.DescribeAsync(main));
                    },
                }, ct);
                RunStops.Check(followed.Runs, p => p.Done < end);
                bar.Value = end;
            });
    }

    private static bool Stops(RunProgress arm, int end) =>
        arm.Status is RunStatus.Faulted or RunStatus.Cancelled || (arm.Status == RunStatus.Paused && arm.Done < end);

    /// <summary>
    /// The base arm's line (once its first round has begun): where its round stands, and the rates of its last round (read
    /// once per round, not per update).
    /// </summary>
    private sealed class RoundLine(IStudyGrain arm, int rounds)
    {
        private int _read = -1;
        private RoundSummary? _last;

        public async Task<string> DescribeAsync(RunProgress main)
        {
            if (main.Done != _read)
            {
                var done = await ClusterPatience.CallAsync(arm.GetRoundsAsync, CancellationToken.None);
                (_last, _read) = (done.Length == 0 ? null : done[^1], main.Done);
            }
            var rate = _last is null ? "" : "; round " + _last.Round + ": " + RateSummary(_last);
            return string.Create(CultureInfo.InvariantCulture,
                $"round {Math.Max(main.Round, main.Done)}/{rounds}: {main.RoundDone}/{main.RoundEpisodes} episodes, {main.Alive:N0} alive{rate}");
        }

        private static string RateSummary(RoundSummary round) => string.Join(", ", round.Rates.Where(kv => kv.Value.N > 0)
            .Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {100.0 * kv.Value.Count / kv.Value.N:0.#}%")));
    }
}
