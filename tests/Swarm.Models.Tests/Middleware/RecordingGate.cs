using System.Collections.Concurrent;
using Swarm.Abstractions.Providers;
using Swarm.Models.Gates;

namespace Swarm.Models.Tests.Middleware;

/// <summary>A gate that admits everyone and remembers each lease's outcome; also a provider handing out itself.</summary>
internal sealed class RecordingGate : IEndpointGate, IEndpointGateProvider
{
    private int _entered;

    public int Entered => _entered;
    public ConcurrentQueue<AttemptOutcome> Outcomes { get; } = new();
    public List<(Uri Endpoint, EndpointLimits Limits)> Requested { get; } = [];

    public ValueTask<IEndpointLease> EnterAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _entered);
        return ValueTask.FromResult<IEndpointLease>(new EndpointLease(outcome =>
        {
            Outcomes.Enqueue(outcome);
            return ValueTask.CompletedTask;
        }));
    }

    public IEndpointGate GateFor(Uri endpoint, EndpointLimits limits)
    {
        lock (Requested) Requested.Add((endpoint, limits));
        return this;
    }
}
