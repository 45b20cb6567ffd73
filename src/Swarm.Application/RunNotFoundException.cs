namespace Swarm.Application;

/// <summary>No run or agent of that id in this cluster (HTTP 404).</summary>
public sealed class RunNotFoundException(string message) : Exception(message);
