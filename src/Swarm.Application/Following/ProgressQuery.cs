using Swarm.Abstractions.Runs;

namespace Swarm.Application.Following;

/// <summary>
/// How a follower asks a run how it stands: at once by default; a command on a cluster asks again while a run moves to
/// another silo (the question is safe to ask twice).
/// </summary>
public delegate Task<RunProgress> ProgressQuery(Func<Task<RunProgress>> ask);
