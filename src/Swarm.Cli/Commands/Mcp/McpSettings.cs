namespace Swarm.Cli.Commands.Mcp;

/// <summary>What <c>swarm mcp --prepare</c> was asked for.</summary>
public sealed record McpSettings(
    FileInfo Scenario, string? Peer, string? Monitoring, long Seed, DirectoryInfo? Out, bool Http, int Port, DirectoryInfo StateDir);
