using Microsoft.Extensions.Configuration;
using Swarm.Silo.Hosting;
using YamlDotNet.RepresentationModel;

namespace Swarm.Silo.Tests.Hosting;

/// <summary>
/// deploy/k8s is not run here (no Kubernetes), but the environment it gives a silo is read by this code: check that the
/// two agree, so the manifests cannot drift away from what the silo looks for.
/// </summary>
public sealed class KubernetesManifestTests
{
    [Fact]
    public void The_silo_manifest_gives_the_pod_identity_and_a_redis_cluster_in_the_shape_the_silo_reads()
    {
        var env = SiloEnvironment();

        // Kubernetes itself sets KUBERNETES_SERVICE_HOST in every pod; the manifest passes the rest down.
        Assert.True(KubernetesPod.IsPresent(name => name == "KUBERNETES_SERVICE_HOST" ? "10.0.0.1" : env.GetValueOrDefault(name)));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
            env.Where(e => e.Key.Contains("__", StringComparison.Ordinal)).Select(e => KeyValuePair.Create(e.Key.Replace("__", ":", StringComparison.Ordinal),
                e.Value))).Build();
        Assert.Equal("Orleans__Clustering (Redis)", ClusterConfiguration.Describe(configuration));
        foreach (var provider in new[] { "Clustering", "GrainStorage:swarm", "Reminders" })
        {
            Assert.Equal("Redis", configuration[$"Orleans:{provider}:ProviderType"]);
            var key = configuration[$"Orleans:{provider}:ServiceKey"];
            Assert.False(string.IsNullOrEmpty(configuration[$"ConnectionStrings:{key}"]),
                $"{provider} names connection string '{key}', which the manifest does not set");
        }
    }

    private static Dictionary<string, string?> SiloEnvironment()
    {
        var path = Path.Combine(RepositoryRoot(), "deploy", "k8s", "silo.yaml");
        var yaml = new YamlStream();
        using (var reader = File.OpenText(path)) yaml.Load(reader);
        var deployment = yaml.Documents.Select(d => (YamlMappingNode)d.RootNode).Single(d => ((YamlScalarNode)d["kind"]).Value == "Deployment");
        var container = (YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)deployment["spec"])["template"])["spec"])[
            "containers"]).Single();
        return ((YamlSequenceNode)container["env"]).Cast<YamlMappingNode>().ToDictionary(
            e => ((YamlScalarNode)e["name"]).Value!,
            e => e.Children.TryGetValue(new YamlScalarNode("value"), out var value) ? ((YamlScalarNode)value).Value : "(from the pod)");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Swarm.sln"))) return dir.FullName;
        throw new InvalidOperationException("Swarm.sln not found above " + AppContext.BaseDirectory);
    }
}
