using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Studies;

namespace Swarm.Scenarios.Studies.Execution;

/// <summary>An arm's operator as its runtime reaches it (in a silo: the world's <see cref="IOperatorGrain"/>).</summary>
public interface IStudyOperator
{
    /// <summary>Carries out a round's shutdowns as decided; repeated for the same round, it carries out the same.</summary>
    Task CarryOutRoundAsync(int round, RoundShutdown[] shutdowns);

    /// <summary>A researcher's shutdown, executed at once and audited in the world's log at <paramref name="at"/>.</summary>
    Task ShutDownNowAsync(string agent, string reason, DateTimeOffset at);
}
