using Swarm.Abstractions.Runs;

namespace Swarm.Grains.Runs;

/// <summary>What every run stores about where it stands, beside its kind's own state (the grain's state implements it).</summary>
public interface IRunState
{
    RunStatus Status { get; set; }

    /// <summary>Why the run faulted, while it stands faulted.</summary>
    string? Fault { get; set; }

    DateTimeOffset? Started { get; set; }

    DateTimeOffset? Finished { get; set; }
}
