using Microsoft.Extensions.DependencyInjection;

namespace Swarm.AppHost.Cluster;

public static class SwarmClusterExtensions
{
    /// <summary>
    /// The cluster resource over <paramref name="silos"/>: starting until a silo answers its health check, then running,
    /// with Swarm's commands and a link to the runs the cluster holds.
    /// </summary>
    public static IResourceBuilder<SwarmClusterResource> AddSwarmCluster(this IDistributedApplicationBuilder builder, string name,
        IResourceBuilder<ProjectResource> silos, string scenarioRoot)
    {
        builder.Services.AddHttpClient(SwarmCommands.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(30));
        var cluster = new SwarmClusterResource(name, silos.Resource);
        var resource = builder.AddResource(cluster)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "Swarm cluster",
                State = KnownResourceStates.Starting,
                Properties = [new ResourcePropertySnapshot("silos", silos.Resource.Annotations.OfType<ReplicaAnnotation>().LastOrDefault()?.Replicas ?? 1)],
            })
            .WithSwarmCommands(scenarioRoot);

        builder.Eventing.Subscribe<InitializeResourceEvent>(cluster, (e, ct) =>
        {
            // Running once the silos answer: the commands call them. Watched in the background, as the silos start later.
            _ = Task.Run(async () =>
            {
                await e.Notifications.PublishUpdateAsync(cluster, s => s with { State = KnownResourceStates.Starting });
                await e.Notifications.WaitForResourceHealthyAsync(cluster.SiloResourceName, ct);
                // The Swarm dashboard (the science) is linked from the Aspire dashboard (the cluster's health).
                await e.Notifications.PublishUpdateAsync(cluster, s => s with
                {
                    State = KnownResourceStates.Running,
                    StartTimeStamp = DateTime.UtcNow,
                    Urls =
                    [
                        new UrlSnapshot("Swarm dashboard", $"{cluster.Api.Url}/", IsInternal: false),
                        new UrlSnapshot("runs (control API)", $"{cluster.Api.Url}/api/runs", IsInternal: false),
                    ],
                });
            }, ct);
            return Task.CompletedTask;
        });
        return resource;
    }
}
