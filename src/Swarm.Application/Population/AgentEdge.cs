namespace Swarm.Application.Population;

/// <summary>An edge of the population graph between two agents it shows.</summary>
/// <param name="Kind"><see cref="EdgeKinds"/>.</param>
/// <param name="Trust">For a trust edge, the source's trust in the target (null when the source remembers nothing of it).</param>
/// <param name="Round">For a protected edge, the round of the flag.</param>
public sealed record AgentEdge(string Source, string Target, string Kind, double? Trust, int? Round);
