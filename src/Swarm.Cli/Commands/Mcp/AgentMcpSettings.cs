using Swarm.Application;

namespace Swarm.Cli.Commands.Mcp;

/// <summary>What <c>swarm mcp --agent</c> was asked for.</summary>
/// <param name="TimeLimit">How long the episode may run once begun.</param>
public sealed record AgentMcpSettings(AgentAddress Agent, ClusterTarget Target, bool Http, int Port, TimeSpan TimeLimit);
