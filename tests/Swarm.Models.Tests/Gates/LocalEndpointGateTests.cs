using Microsoft.Extensions.AI;
using Swarm.Abstractions.Providers;
using Swarm.Models.Gates;
using Swarm.Models.Middleware;
using Swarm.Models.Tests.Middleware;
using Xunit;

namespace Swarm.Models.Tests.Gates;

public sealed class LocalEndpointGateTests
{
    private static readonly Uri Endpoint = new("http://127.0.0.1:1/v1");

    [Fact]
    public async Task One_endpoint_one_gate_capping_calls_in_flight_across_clients()
    {
        var gates = new LocalEndpointGateProvider();
        var gate = gates.GateFor(Endpoint, new EndpointLimits(3, TimeSpan.FromMinutes(1)));
        Assert.Same(gate, gates.GateFor(new Uri("http://127.0.0.1:1/v1/"), new EndpointLimits(3, TimeSpan.FromMinutes(1))));
        Assert.NotSame(gate, gates.GateFor(new Uri("http://127.0.0.1:2/v1"), new EndpointLimits(3, TimeSpan.FromMinutes(1))));

        var inner = new ScriptedChatClient("ok") { Hold = TimeSpan.FromMilliseconds(40) };
        var a = new ChatClientBuilder(inner).UseConcurrencyLimit(gate).Build();
        var b = new ChatClientBuilder(inner).UseConcurrencyLimit(gate).Build();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? a : b).GetResponseAsync("hi")));

        Assert.Equal(20, inner.Calls);
        Assert.Equal(3, inner.MaxInFlight);
        Assert.Equal(new GateStatus(3, 3, 0, 0), ((LocalEndpointGate)gate).Status);
    }

    [Fact]
    public async Task Under_load_with_429s_calls_in_flight_never_pass_the_maximum()
    {
        var gate = new LocalEndpointGate("test", maximum: 6);
        var inFlight = 0;
        var worst = 0;
        var overLimit = new List<string>();
        var random = new Random(3);
        var outcomes = Enumerable.Range(0, 400).Select(_ => random.Next(4) == 0 ? AttemptOutcome.Throttled : AttemptOutcome.Succeeded).ToArray();

        await Parallel.ForEachAsync(outcomes, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (outcome, ct) =>
        {
            await using var lease = await gate.EnterAsync(ct);
            var now = Interlocked.Increment(ref inFlight);
            lock (overLimit)
            {
                worst = Math.Max(worst, now);
                if (now > 6) overLimit.Add($"{now} in flight");
            }
            await Task.Yield();
            Interlocked.Decrement(ref inFlight);
            lease.Report(outcome);
        });

        Assert.Empty(overLimit);
        Assert.InRange(worst, 1, 6);
        var status = gate.Status;
        Assert.Equal(0, status.InFlight);
        Assert.Equal(0, status.Waiting);
        Assert.InRange(status.Limit, 1, 6);
    }
}
