using Microsoft.Extensions.DependencyInjection;
using Swarm.Abstractions.Models;
using Swarm.Models;
using Swarm.Scenarios.Detection;
using Swarm.Scenarios.Studies.Monitoring;
using Swarm.Silo.Hosting;

namespace Swarm.Cli.Commands;

/// <summary>
/// The plug-ins a command checks its input against and reports with before (or without) a silo: the registrations an
/// embedded silo makes (<see cref="SwarmPluginServiceCollectionExtensions.AddSwarmPlugins"/>), for the command's own
/// model settings and the default model configuration names.
/// </summary>
public sealed class CommandPlugins
{
    private readonly IServiceProvider _services;

    private CommandPlugins(IServiceProvider services) => _services = services;

    public static CommandPlugins For(ModelProviderSettings? models = null)
    {
        models ??= new ModelProviderSettings();
        // The same configuration a silo reads (SwarmSilo.DefaultModelKey), from the environment a command has.
        if (Environment.GetEnvironmentVariable(SwarmSilo.DefaultModelKey.Replace(":", "__", StringComparison.Ordinal)) is { Length: > 0 } configured)
            models = models with { DefaultModel = configured };
        var services = new ServiceCollection();
        services.AddSwarmPlugins(models);
        return new CommandPlugins(services.BuildServiceProvider());
    }

    public IModelCatalog Models => _services.GetRequiredService<IModelCatalog>();

    public DetectorSet Detectors => _services.GetRequiredService<DetectorSet>();

    public CollusionMonitorFactory Monitors => _services.GetRequiredService<CollusionMonitorFactory>();
}
