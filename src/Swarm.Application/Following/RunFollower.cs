using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Live;
using Swarm.Abstractions.Runs;

namespace Swarm.Application.Following;

/// <summary>
/// Follows runs of any kind through the pulses their grains push to the run feed. It asks the runs how they stand only
/// at the start (once subscribed, so no pulse is missed between), to confirm an end a pulse announced, and after a
/// silence of <see cref="RunFollowerOptions.Silence"/> (a run between pulses, or a feed that cannot be reached).
/// </summary>
public sealed class RunFollower(IGrainFactory grains, IOptions<RunFollowerOptions> options, ILogger<RunFollower> logger)
{
    /// <summary>Follows until <see cref="RunFollowing.Settled"/> holds for the runs' own answer, and returns that answer.</summary>
    public async Task<FollowedRuns> FollowAsync(RunFollowing following, CancellationToken ct = default)
    {
        var settings = options.Value;
        var inbox = new PulseInbox(following.Runs);
        await using var subscription = RunFeedSubscription.Start(grains, inbox, logger, settings.Renewal);
        // Subscribed before the first question, so whatever changes after it arrives as a pulse; a feed slow to answer
        // holds following up no longer than a silence would.
        await Task.WhenAny(subscription.FirstAttempt, Task.Delay(settings.Silence, ct));
        ct.ThrowIfCancellationRequested();
        var state = await AskAsync(following, ct);
        var (pulses, polls, answered) = (0, 1, true);
        var silos = new SiloWatch(following.Runs);
        while (true)
        {
            foreach (var move in silos.Moves(state))
            {
                RunFeedLog.Moved(logger, move.Kind, move.Id, move.From, move.To);
                if (following.OnMoved is { } moved) await moved(move);
            }
            if (following.OnProgress is { } report) await report(state);
            if (following.Settled(state))
            {
                if (answered) break;
                // A pulse says it is over: the runs' own answer says so for sure (and carries what the pulse left out).
                (state, polls, answered) = (await AskAsync(following, ct), polls + 1, true);
                continue;
            }
            using var silence = CancellationTokenSource.CreateLinkedTokenSource(ct);
            silence.CancelAfter(settings.Silence);
            try
            {
                var pulse = await inbox.Reader.ReadAsync(silence.Token);
                state = inbox.Apply(state, pulse);
                pulses++;
                while (inbox.Reader.TryRead(out var next))
                {
                    state = inbox.Apply(state, next);
                    pulses++;
                }
                answered = false;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                RunFeedLog.Silent(logger, settings.Silence);
                (state, polls, answered) = (await AskAsync(following, ct), polls + 1, true);
            }
        }
        RunFeedLog.Followed(logger, state.Count, pulses, polls);
        return new FollowedRuns(state, pulses, polls);
    }

    private async Task<IReadOnlyList<RunProgress>> AskAsync(RunFollowing following, CancellationToken ct)
    {
        var ask = following.Ask ?? (question => question());
        return await Task.WhenAll(following.Runs.Select(r => ask(() => grains.GetRun(r.Kind, r.Id).GetProgressAsync()))).WaitAsync(ct);
    }

    /// <summary>Where each followed run was last seen, to tell when one answers from another silo.</summary>
    private sealed class SiloWatch(IReadOnlyList<RunProgress> runs)
    {
        private readonly string?[] _silos = [.. runs.Select(r => r.Silo)];

        public List<RunMove> Moves(IReadOnlyList<RunProgress> state)
        {
            var moves = new List<RunMove>();
            for (var i = 0; i < state.Count; i++)
            {
                if (state[i].Silo is not { } now) continue;
                if (_silos[i] is { } before && before != now) moves.Add(new RunMove(state[i].Kind, state[i].Id, before, now));
                _silos[i] = now;
            }
            return moves;
        }
    }

    /// <summary>The watcher this follower subscribes: it keeps the pulses of the followed runs, in the order they come.</summary>
    private sealed class PulseInbox(IReadOnlyList<RunProgress> runs) : IRunWatcher
    {
        private readonly Dictionary<(string Kind, string Id), int> _index = runs.Select((r, i) => (r, i)).ToDictionary(x => (x.r.Kind, x.r.Id), x => x.i);
        private readonly Channel<RunPulse> _pulses = Channel.CreateUnbounded<RunPulse>(new UnboundedChannelOptions { SingleReader = true });

        public ChannelReader<RunPulse> Reader => _pulses.Reader;

        public void OnPulse(RunPulse pulse)
        {
            if (_index.ContainsKey((pulse.Progress.Kind, pulse.Progress.Id))) _pulses.Writer.TryWrite(pulse);
        }

        /// <summary>The runs as they stand after <paramref name="pulse"/>: it says where its run stands, in the shape a question answers.</summary>
        public RunProgress[] Apply(IReadOnlyList<RunProgress> state, RunPulse pulse)
        {
            var next = state.ToArray();
            next[_index[(pulse.Progress.Kind, pulse.Progress.Id)]] = pulse.Progress;
            return next;
        }
    }
}
