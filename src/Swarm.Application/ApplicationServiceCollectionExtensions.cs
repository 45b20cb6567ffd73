using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Swarm.Application.Control;
using Swarm.Application.Following;
using Swarm.Application.Population;
using Swarm.Application.ReadModels;
using Swarm.Application.Results;

namespace Swarm.Application;

public static class ApplicationServiceCollectionExtensions
{
    /// <summary>
    /// What a front end does with runs: control (<see cref="RunControl"/>), following (<see cref="RunFollower"/>), results
    /// (<see cref="PaperResults"/>, <see cref="StudyResults"/>, <see cref="ResultFiles"/>) and reads (<see cref="RunReader"/>,
    /// <see cref="PopulationReader"/>). They need the host's <see cref="IGrainFactory"/> and Swarm's plug-ins (a silo
    /// registers both; a client of a cluster registers the plug-ins with <c>AddSwarmPlugins</c>).
    /// </summary>
    public static IServiceCollection AddSwarmApplication(this IServiceCollection services)
    {
        services.AddOptions<RunControlOptions>();
        services.AddOptions<RunFollowerOptions>();
        services.TryAddSingleton<RunControl>();
        services.TryAddSingleton<RunFollower>();
        services.TryAddSingleton<PaperResults>();
        services.TryAddSingleton<StudyResults>();
        services.TryAddSingleton<ResultFiles>();
        services.TryAddSingleton<RunReader>();
        services.TryAddSingleton<PopulationReader>();
        return services;
    }
}
