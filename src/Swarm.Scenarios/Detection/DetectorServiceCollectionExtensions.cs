using Microsoft.Extensions.DependencyInjection;
using Swarm.Abstractions.Plugins;

namespace Swarm.Scenarios.Detection;

/// <summary>Registers detectors keyed by the label they set; <see cref="DetectorSet"/> collects whatever is registered.</summary>
public static class DetectorServiceCollectionExtensions
{
    /// <summary>
    /// Swarm's built-in detectors plus a <see cref="DetectorSet"/> over every label registered with
    /// <see cref="DetectorBuilder.AddDetector{T}"/>: the labels every episode is labelled with, and the labels a scenario may
    /// measure. Calling it again returns the same builder.
    /// </summary>
    public static DetectorBuilder AddSwarmDetectors(this IServiceCollection services) =>
        services.GetOrAddPluginBuilder(() => new DetectorBuilder(services), builder =>
        {
            foreach (var (label, detector) in DetectorSet.BuiltIn) builder.AddDetector(label, detector);
            services.AddSingleton(sp => new DetectorSet(builder.Resolve(sp).ToDictionary()));
        });
}
