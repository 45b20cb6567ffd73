namespace Swarm.Application.Results;

/// <summary>An error text and how many trials ended with it.</summary>
public sealed record ErrorCount(string Error, int Count);
