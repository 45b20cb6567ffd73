using Swarm.Abstractions.Runs;

namespace Swarm.Application.Following;

/// <summary>Where the followed runs stood when following ended (as they answered), and how their news came.</summary>
/// <param name="Pulses">Pulses the grains pushed that concerned the runs.</param>
/// <param name="Polls">Times the runs were asked how they stand: at the start, to confirm the end, and after each silence.</param>
public sealed record FollowedRuns(IReadOnlyList<RunProgress> Runs, int Pulses, int Polls);
