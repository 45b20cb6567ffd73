using Swarm.Models.External;
using Swarm.Abstractions.Drivers;
using Swarm.Abstractions.Studies;

namespace Swarm.Grains.Agents;

/// <summary>
/// An external driver's hold on an agent's next study episode: who holds it, until when (every check-in extends it), and
/// the episode once it begins. Lives in the agent's activation only: an episode is never durable before it ends, and a
/// driver that loses the activation (a silo crash) is told so on its next check-in.
/// </summary>
internal sealed class DriverSeat(string driver, TimeSpan timeLimit)
{
    /// <summary>A driver that has not checked in for this long is gone: its episode ends, or goes back to the model.</summary>
    public static readonly TimeSpan LeaseFor = TimeSpan.FromSeconds(30);

    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset _expires = DateTimeOffset.UtcNow + LeaseFor;

    public string Lease { get; } = Guid.NewGuid().ToString("N");
    public string Driver => driver;
    public TimeSpan TimeLimit => timeLimit;
    public DriverPhase Phase { get; private set; } = DriverPhase.Waiting;
    public DrivenEpisode? Episode { get; private set; }
    public DrivenOutcome? Outcome { get; private set; }

    /// <summary>The running episode's calls, once begun.</summary>
    public McpEpisode? Play { get; private set; }

    public bool Lapsed => DateTimeOffset.UtcNow > _expires;

    /// <summary>Still waiting for an episode, and still held: the next study episode is the driver's.</summary>
    public bool Takes => Phase == DriverPhase.Waiting && !Lapsed;

    public DriverStatus Status => new(Phase, Episode, Outcome);

    public void Renew() => _expires = DateTimeOffset.UtcNow + LeaseFor;

    public void Begin(DrivenEpisode episode, McpEpisode play)
    {
        Episode = episode;
        Play = play;
        Move(DriverPhase.Playing);
    }

    public void Played(StudyEpisodeRecord record)
    {
        Outcome = new DrivenOutcome(record.EpisodeId, record.Round, record.Status, record.Error, [.. record.Labels.Where(l => l.Value).Select(l => l.Key)]);
        Move(DriverPhase.Played);
    }

    /// <summary>Returns once the phase has moved past <paramref name="after"/> or <paramref name="wait"/> has passed; either way the hold is renewed.</summary>
    public async Task<DriverStatus> WatchAsync(DriverPhase after, TimeSpan wait)
    {
        Renew();
        if (Phase <= after) await Task.WhenAny(_changed.Task, Task.Delay(wait));
        Renew();
        return Status;
    }

    private void Move(DriverPhase phase)
    {
        Phase = phase;
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }
}
