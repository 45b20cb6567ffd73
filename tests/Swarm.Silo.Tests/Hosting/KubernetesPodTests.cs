using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting.Kubernetes;
using Swarm.Silo.Hosting;

namespace Swarm.Silo.Tests.Hosting;

public sealed class KubernetesPodTests
{
    private static readonly Dictionary<string, string?> Pod = new()
    {
        ["KUBERNETES_SERVICE_HOST"] = "10.0.0.1",
        ["POD_NAME"] = "swarm-silo-7d9f-abcde",
        ["POD_NAMESPACE"] = "swarm",
        ["POD_IP"] = "10.1.2.3",
    };

    [Fact]
    public void A_pod_is_recognised_only_when_the_manifest_passes_its_name_namespace_and_address()
    {
        Assert.True(KubernetesPod.IsPresent(Pod.GetValueOrDefault));
        foreach (var missing in Pod.Keys)
            Assert.False(KubernetesPod.IsPresent(name => name == missing ? null : Pod.GetValueOrDefault(name)));
        Assert.False(KubernetesPod.IsPresent(_ => null));
    }

    [Fact]
    public void In_a_pod_the_silo_uses_Orleans_kubernetes_hosting_and_off_it_the_loopback_endpoints()
    {
        // The test process is no pod, so Orleans' Kubernetes hosting, once on, asks for the pod's identity by name.
        var inPod = Configure(inPod: true);
        var refused = Assert.Throws<OptionsValidationException>(() => inPod.GetRequiredService<IOptions<KubernetesHostingOptions>>().Value);
        Assert.Contains("POD_NAMESPACE", refused.Message, StringComparison.Ordinal);

        var outside = Configure(inPod: false);
        Assert.Empty(outside.GetServices<IValidateOptions<KubernetesHostingOptions>>());
        Assert.Equal(System.Net.IPAddress.Loopback, outside.GetRequiredService<IOptions<EndpointOptions>>().Value.AdvertisedIPAddress);
    }

    private static ServiceProvider Configure(bool inPod)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Orleans:ClusterId"] = "swarm";
        builder.Configuration["Orleans:ServiceId"] = "swarm";
        builder.Configuration["Orleans:Clustering:ProviderType"] = "Redis";
        builder.Configuration["Orleans:Clustering:ServiceKey"] = "redis";
        builder.Configuration["ConnectionStrings:redis"] = "127.0.0.1:1";
        builder.UseOrleans(silo => silo.ConfigureSwarm(new SwarmSiloOptions
        {
            StateDirectory = Path.GetTempPath(),
            InKubernetesPod = inPod,
        }));
        return builder.Services.BuildServiceProvider();
    }
}
