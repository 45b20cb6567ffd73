namespace Swarm.Scenarios.Studies.Execution;

/// <summary>The durable ledgers of an arm's rounds, one per round (in a silo: segmented logs in the grain's storage).</summary>
public interface IRoundLedgers
{
    Task<IRoundLedger> OpenAsync(int round);
}
