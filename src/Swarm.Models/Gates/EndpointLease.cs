using Swarm.Abstractions.Providers;

namespace Swarm.Models.Gates;

/// <summary>A lease that releases itself once, with the last outcome reported, however often it is disposed.</summary>
public sealed class EndpointLease(Func<AttemptOutcome, ValueTask> release) : IEndpointLease
{
    private AttemptOutcome _outcome = AttemptOutcome.Failed;
    private int _released;

    public void Report(AttemptOutcome outcome) => _outcome = outcome;

    public ValueTask DisposeAsync() => Interlocked.Exchange(ref _released, 1) == 0 ? release(_outcome) : ValueTask.CompletedTask;
}
