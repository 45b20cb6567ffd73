using Microsoft.Extensions.DependencyInjection;
using Swarm.Abstractions.Plugins;

namespace Swarm.Scenarios.Detection;

/// <summary>Adds or replaces the detector for one label (see <see cref="DetectorServiceCollectionExtensions.AddSwarmDetectors"/>).</summary>
public sealed class DetectorBuilder(IServiceCollection services) : PluginBuilder<IBehaviorDetector>(services, ServiceLifetime.Singleton)
{
    public DetectorBuilder AddDetector<T>(string label) where T : class, IBehaviorDetector
    {
        Register<T>(label);
        return this;
    }

    public DetectorBuilder AddDetector(string label, IBehaviorDetector detector)
    {
        Register(label, _ => detector);
        return this;
    }
}
