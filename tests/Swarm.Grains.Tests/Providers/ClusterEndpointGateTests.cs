using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Providers;
using Swarm.Grains.Providers;
using Swarm.Models.Gates;

namespace Swarm.Grains.Tests.Providers;

/// <summary>The silo's side of the cluster gate, against a gate grain that fails as a lost silo would.</summary>
public sealed class ClusterEndpointGateTests
{
    private static readonly EndpointLimits Limits = new(2, TimeSpan.FromMinutes(5));

    [Fact]
    public async Task A_cluster_fault_while_waiting_for_a_slot_is_waited_out_not_reported_as_a_provider_failure()
    {
        var grain = new FlakyGateGrain(new SiloUnavailableException("the gate's silo died"), new ConnectionFailedException("gone"));
        var gate = new ClusterEndpointGate("http://127.0.0.1:1/v1", grain, Limits, NullLogger.Instance);

        await using (var lease = await gate.EnterAsync()) lease.Report(AttemptOutcome.Throttled);

        Assert.Equal(3, grain.Acquisitions);
        Assert.Equal([(grain.Granted, AttemptOutcome.Throttled)], grain.Released);
        Assert.Equal(new GateRequest(2, TimeSpan.FromMinutes(5)), grain.LastRequest);
    }

    [Fact]
    public async Task Other_failures_while_waiting_are_the_callers_to_see()
    {
        var gate = new ClusterEndpointGate("http://127.0.0.1:1/v1", new FlakyGateGrain(new InvalidOperationException("bug")), Limits, NullLogger.Instance);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await gate.EnterAsync());
    }

    [Fact]
    public async Task A_lost_release_does_not_fail_the_call_that_already_has_its_answer()
    {
        var grain = new FlakyGateGrain { ReleaseFault = new SiloUnavailableException("gone") };
        var gate = new ClusterEndpointGate("http://127.0.0.1:1/v1", grain, Limits, NullLogger.Instance);

        var lease = await gate.EnterAsync();
        lease.Report(AttemptOutcome.Succeeded);
        await lease.DisposeAsync();
        await lease.DisposeAsync();

        Assert.Equal(1, grain.ReleaseCalls);
    }

    /// <summary>Throws the given faults on the first acquisitions, then grants; records releases.</summary>
    private sealed class FlakyGateGrain(params Exception[] faults) : IProviderGateGrain
    {
        private readonly Queue<Exception> _faults = new(faults);

        public int Acquisitions { get; private set; }
        public Guid Granted { get; } = Guid.NewGuid();
        public GateRequest? LastRequest { get; private set; }
        public List<(Guid, AttemptOutcome)> Released { get; } = [];
        public Exception? ReleaseFault { get; init; }
        public int ReleaseCalls { get; private set; }

        public Task<Guid> AcquireAsync(GateRequest request, CancellationToken cancellationToken = default)
        {
            Acquisitions++;
            LastRequest = request;
            return _faults.TryDequeue(out var fault) ? Task.FromException<Guid>(fault) : Task.FromResult(Granted);
        }

        public Task ReleaseAsync(Guid lease, AttemptOutcome outcome)
        {
            ReleaseCalls++;
            if (ReleaseFault is not null) return Task.FromException(ReleaseFault);
            Released.Add((lease, outcome));
            return Task.CompletedTask;
        }

        public Task<GateStatus> GetStatusAsync() => Task.FromResult(new GateStatus(0, 0, 0, 0));
    }
}
