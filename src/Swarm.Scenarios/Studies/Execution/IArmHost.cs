namespace Swarm.Scenarios.Studies.Execution;

/// <summary>What the classes that run an arm need of the grain that holds it: storing its standing, and telling watchers.</summary>
public interface IArmHost
{
    /// <summary>Stores the arm's standing (<see cref="ArmStanding"/>) as it is now.</summary>
    Task SaveAsync();

    /// <summary>Tells the run feed that an agent was ordered shut down, or was.</summary>
    void ShutdownOrdered(string agent);
}
