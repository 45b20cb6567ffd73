namespace Swarm.Silo.Hosting;

/// <summary>
/// Whether this silo runs in a Kubernetes pod whose manifest passes the pod's identity down (deploy/k8s does:
/// POD_NAME, POD_NAMESPACE and POD_IP from the downward API). Then Orleans' Kubernetes hosting names the silo after the
/// pod, advertises the pod's address and removes silos whose pods are gone, instead of Swarm's loopback endpoints.
/// </summary>
public static class KubernetesPod
{
    public static bool IsPresent(Func<string, string?> environment) =>
        !string.IsNullOrEmpty(environment("KUBERNETES_SERVICE_HOST"))
        && !string.IsNullOrEmpty(environment("POD_NAME"))
        && !string.IsNullOrEmpty(environment("POD_NAMESPACE"))
        && !string.IsNullOrEmpty(environment("POD_IP"));

    public static bool IsPresent() => IsPresent(Environment.GetEnvironmentVariable);
}
