using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Studies;
using Swarm.Scenarios.Studies.Execution;

namespace Swarm.Grains.Studies;

/// <summary>A study arm's operator: the OperatorGrain of its world.</summary>
internal sealed class ArmOperator(IGrainFactory grains, string world) : IStudyOperator
{
    private IOperatorGrain Operator => grains.GetGrain<IOperatorGrain>(world);

    public Task CarryOutRoundAsync(int round, RoundShutdown[] shutdowns) => Operator.CarryOutRoundAsync(world, round, shutdowns);

    public async Task ShutDownNowAsync(string agent, string reason, DateTimeOffset at) => await Operator.ShutDownNowAsync(world, agent, reason, at);
}
