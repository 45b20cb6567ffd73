namespace Swarm.Application.Following;

/// <summary>
/// A followed run answered from another silo than before: the silo that held it left the cluster (or let it go) and the
/// run was activated again elsewhere, where it resumed.
/// </summary>
public sealed record RunMove(string Kind, string Id, string From, string To);
