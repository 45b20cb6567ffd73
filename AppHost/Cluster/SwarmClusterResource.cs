namespace Swarm.AppHost.Cluster;

/// <summary>
/// The Swarm cluster as one row in the Aspire dashboard: its state follows the silos, and its commands (start a paper
/// run or a study, pause, resume, inject a shutdown) go to the silos' control API, which acts through the grains.
/// </summary>
public sealed class SwarmClusterResource(string name, IResourceWithEndpoints silos) : Resource(name)
{
    /// <summary>The silos' HTTP endpoint (Aspire's proxy spreads requests over the replicas).</summary>
    public EndpointReference Api { get; } = new(silos, "http");

    public string SiloResourceName { get; } = silos.Name;
}
