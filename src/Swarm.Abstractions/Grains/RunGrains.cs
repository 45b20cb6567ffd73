using Swarm.Abstractions.Runs;

namespace Swarm.Abstractions.Grains;

/// <summary>
/// Addresses any run through <see cref="IRunGrain"/>. The interface has one grain class per kind of run, so Orleans needs
/// the grain type to pick one; a run's kind is that type's name (experiment, study), which the run registry keeps.
/// </summary>
public static class RunGrains
{
    public static IRunGrain GetRun(this IGrainFactory grains, string kind, string id) => grains.GetGrain<IRunGrain>(GrainId.Create(kind, id));

    public static IRunGrain GetRun(this IGrainFactory grains, RunEntry entry) => grains.GetRun(entry.Kind, entry.Id);
}
