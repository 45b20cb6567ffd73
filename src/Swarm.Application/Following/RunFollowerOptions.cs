using Swarm.Abstractions.Live;

namespace Swarm.Application.Following;

/// <summary>How <see cref="RunFollower"/> follows runs.</summary>
public sealed class RunFollowerOptions
{
    /// <summary>
    /// How long the follower waits for a pulse before it asks the runs how they stand: a run between pulses (a model
    /// call that takes minutes, a silo that died under it) is still seen this often.
    /// </summary>
    public TimeSpan Silence { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the run feed subscription is renewed: well inside its lease, so it never lapses.</summary>
    public TimeSpan Renewal { get; set; } = TimeSpan.FromSeconds(IRunFeedGrain.LeaseSeconds / 4.0);
}
