namespace Swarm.Grains.Audit;

/// <summary>Opens a <see cref="SegmentedLog{T}"/>, its entry type given at the call rather than on a generic type's static member.</summary>
public static class SegmentedLog
{
    /// <summary>Opens the log of <paramref name="grain"/> named <paramref name="name"/> in Swarm's grain storage.</summary>
    public static Task<SegmentedLog<T>> OpenAsync<T>(IServiceProvider services, GrainId grain, string name) =>
        SegmentedLog<T>.OpenAsync(services, grain, name);
}
