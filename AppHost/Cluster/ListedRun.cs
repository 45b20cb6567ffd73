using Swarm.Abstractions.Runs;

namespace Swarm.AppHost.Cluster;

/// <summary>A run as the control API lists it (<c>GET /api/runs</c>), with the fields the commands show.</summary>
/// <param name="Fault">Why a faulted run stopped, or why its grain could not say how it stands.</param>
public sealed record ListedRun(string Kind, string Id, string Title, RunStatus Status, int Done, int Total, string? Fault);
