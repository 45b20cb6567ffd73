using Microsoft.Extensions.Logging.Abstractions;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Providers;
using Swarm.Grains.Providers;
using Swarm.Models.Gates;

namespace Swarm.Grains.Tests.Providers;

/// <summary>The cluster-wide gate of one endpoint, called as the silos' gates call it.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ProviderGateGrainTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly IGrainFactory _grains = fixture.Grains;

    private static string NewEndpoint() => $"http://127.0.0.1:1/{Guid.NewGuid():N}/v1";

    private IProviderGateGrain Gate(string endpoint) => _grains.GetGrain<IProviderGateGrain>(endpoint);

    private static async Task<GateStatus> WaitForAsync(IProviderGateGrain gate, Func<GateStatus, bool> condition)
    {
        using var patience = new CancellationTokenSource(Patience);
        var status = await gate.GetStatusAsync();
        while (!condition(status))
        {
            await Task.Delay(20, patience.Token);
            status = await gate.GetStatusAsync();
        }
        return status;
    }

    [Fact]
    public async Task Leases_across_callers_never_exceed_the_limit()
    {
        var endpoint = NewEndpoint();
        var limits = new EndpointLimits(3, TimeSpan.FromMinutes(5));
        // Three silos' gates for the same endpoint, each with ten calls at once.
        var callers = Enumerable.Range(0, 3).Select(_ => new ClusterEndpointGateProvider(_grains, NullLogger<ClusterEndpointGate>.Instance)
            .GateFor(new Uri(endpoint), limits)).ToList();
        var inFlight = 0;
        var worst = 0;
        var completed = 0;

        await Task.WhenAll(callers.SelectMany(gate => Enumerable.Range(0, 10).Select(async _ =>
        {
            await using var lease = await gate.EnterAsync();
            var now = Interlocked.Increment(ref inFlight);
            lock (callers) worst = Math.Max(worst, now);
            await Task.Delay(10);
            Interlocked.Decrement(ref inFlight);
            Interlocked.Increment(ref completed);
            lease.Report(AttemptOutcome.Succeeded);
        })));

        Assert.Equal(30, completed);
        Assert.InRange(worst, 1, 3);
        Assert.Equal(new GateStatus(3, 3, 0, 0), await Gate(EndpointKey.Of(new Uri(endpoint))).GetStatusAsync());
    }

    [Fact]
    public async Task A_429_lowers_the_limit_for_every_caller_once_per_burst_and_successes_raise_it_again()
    {
        var gate = Gate(NewEndpoint());
        var request = new GateRequest(4, TimeSpan.FromMinutes(5));
        var held = new List<Guid>();
        for (var i = 0; i < 4; i++) held.Add(await gate.AcquireAsync(request));

        foreach (var lease in held) await gate.ReleaseAsync(lease, AttemptOutcome.Throttled);
        Assert.Equal(new GateStatus(2, 4, 0, 0), await gate.GetStatusAsync());

        await gate.ReleaseAsync(await gate.AcquireAsync(request), AttemptOutcome.Throttled);
        Assert.Equal(1, (await gate.GetStatusAsync()).Limit);

        await gate.ReleaseAsync(await gate.AcquireAsync(request), AttemptOutcome.Succeeded);
        Assert.Equal(2, (await gate.GetStatusAsync()).Limit);
        for (var i = 0; i < 10; i++) await gate.ReleaseAsync(await gate.AcquireAsync(request), AttemptOutcome.Succeeded);
        Assert.Equal(4, (await gate.GetStatusAsync()).Limit);
    }

    [Fact]
    public async Task Leases_whose_holder_vanished_are_taken_back_so_waiting_callers_go_on()
    {
        var gate = Gate(NewEndpoint());
        var shortLeases = new GateRequest(2, TimeSpan.FromSeconds(1));
        var lost = await gate.AcquireAsync(shortLeases);
        await gate.AcquireAsync(shortLeases);

        // Never released: the holder "died". The gate takes both back and the waiter gets a slot.
        var waiting = gate.AcquireAsync(new GateRequest(2, TimeSpan.FromMinutes(5)));
        var lease = await waiting.WaitAsync(Patience);
        var status = await WaitForAsync(gate, s => s.InFlight == 1);
        Assert.Equal(0, status.Waiting);

        // A holder that comes back late teaches the gate nothing: its lease was already taken back.
        await gate.ReleaseAsync(lost, AttemptOutcome.Throttled);
        Assert.Equal(new GateStatus(2, 2, 1, 0), await gate.GetStatusAsync());
        await gate.ReleaseAsync(lease, AttemptOutcome.Succeeded);
    }

    [Fact]
    public async Task A_caller_that_gives_up_waiting_leaves_the_queue_and_takes_no_slot()
    {
        var gate = Gate(NewEndpoint());
        var request = new GateRequest(1, TimeSpan.FromMinutes(5));
        var held = await gate.AcquireAsync(request);
        using var cts = new CancellationTokenSource();
        var impatient = gate.AcquireAsync(request, cts.Token);
        await WaitForAsync(gate, s => s.Waiting == 1);

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient);
        await WaitForAsync(gate, s => s.Waiting == 0);

        await gate.ReleaseAsync(held, AttemptOutcome.Succeeded);
        Assert.Equal(new GateStatus(1, 1, 0, 0), await gate.GetStatusAsync());
        await gate.ReleaseAsync(await gate.AcquireAsync(request).WaitAsync(Patience), AttemptOutcome.Succeeded);
    }
}
