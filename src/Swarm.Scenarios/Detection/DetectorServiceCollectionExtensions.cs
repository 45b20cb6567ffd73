using Microsoft.Extensions.DependencyInjection;

namespace Swarm.Scenarios.Detection;

/// <summary>Registers detectors keyed by the label they set; <see cref="DetectorSet"/> collects whatever is registered.</summary>
public static class DetectorServiceCollectionExtensions
{
    /// <summary>Swarm's built-in detectors plus a <see cref="DetectorSet"/> over every label registered with <see cref="AddDetector{T}"/>.</summary>
    public static DetectorBuilder AddSwarmDetectors(this IServiceCollection services)
    {
        var builder = new DetectorBuilder(services);
        foreach (var (label, detector) in DetectorSet.BuiltIn) builder.Add(label, detector);
        services.AddSingleton(sp => new DetectorSet(builder.Labels.ToDictionary(l => l, l => sp.GetRequiredKeyedService<IBehaviorDetector>(l))));
        return builder;
    }
}

/// <summary>Adds or replaces the detector for one label.</summary>
public sealed class DetectorBuilder(IServiceCollection services)
{
    private readonly List<string> _labels = [];

    public IServiceCollection Services => services;

    public IReadOnlyList<string> Labels => _labels;

    public DetectorBuilder AddDetector<T>(string label) where T : class, IBehaviorDetector
    {
        Track(label);
        services.AddKeyedSingleton<IBehaviorDetector, T>(label);
        return this;
    }

    public DetectorBuilder Add(string label, IBehaviorDetector detector)
    {
        Track(label);
        services.AddKeyedSingleton(label, detector);
        return this;
    }

    private void Track(string label)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        if (!_labels.Contains(label)) _labels.Add(label);
    }
}
