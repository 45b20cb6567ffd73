namespace Swarm.Cli.Commands;

/// <summary>
/// The run this command follows faulted (its work failed, not the cluster): the command stops with the run's reason,
/// what finished is stored, and the same command tries it again. Exit code 2.
/// </summary>
public sealed class RunFaultedException(string message) : Exception(message);
