namespace Swarm.Models.External;

/// <summary>What the world answered to one MCP tool call, and whether the client should see it as a tool error.</summary>
public sealed record McpCallOutcome(string Text, bool IsError);
