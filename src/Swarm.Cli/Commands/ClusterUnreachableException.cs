namespace Swarm.Cli.Commands;

/// <summary>The cluster a command was pointed at did not answer: a runtime failure (exit 2), with what to do.</summary>
public sealed class ClusterUnreachableException(string message, Exception inner) : Exception(message, inner);
