using Swarm.Scenarios.Studies.Monitoring;
using Swarm.Scenarios.Studies.Runtime;

namespace Swarm.Scenarios.Studies.Execution;

/// <summary>
/// The meta-monitor remembers the rounds before (its windows, the protection graph); a new activation of an arm rebuilds
/// that memory from the committed rounds' ledgers, so a resumed study flags exactly what an uninterrupted one does.
/// </summary>
public sealed class MonitorReplay(IRoundLedgers ledgers, CollusionMonitorFactory monitors)
{
    /// <summary>A meta-monitor that has seen rounds 1 to <paramref name="completedRounds"/>.</summary>
    public async Task<CollusionMonitor> ReplayAsync(Population population, int completedRounds)
    {
        var monitor = monitors.Create(population);
        for (var round = 1; round <= completedRounds; round++) monitor.Observe(round, await (await ledgers.OpenAsync(round)).ReadAllAsync());
        return monitor;
    }
}
