using Swarm.Abstractions.Providers;

namespace Swarm.Models.Gates;

/// <summary>Permission for one attempt; disposing it frees the slot and hands the gate the last outcome reported.</summary>
public interface IEndpointLease : IAsyncDisposable
{
    /// <summary>How the attempt went; the last report before disposal counts (none: <see cref="AttemptOutcome.Failed"/>).</summary>
    void Report(AttemptOutcome outcome);
}
