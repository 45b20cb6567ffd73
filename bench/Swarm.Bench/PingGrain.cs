namespace Swarm.Bench;

/// <summary>The cheapest possible grain call: the baseline that a trial's cost is compared with.</summary>
public interface IPingGrain : IGrainWithIntegerKey
{
    Task<int> PingAsync(int value);
}

public sealed class PingGrain : Grain, IPingGrain
{
    public Task<int> PingAsync(int value) => Task.FromResult(value + 1);
}
