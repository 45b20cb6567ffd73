using Microsoft.Extensions.Configuration;
using Swarm.Silo.Hosting;

namespace Swarm.Silo.Tests.Hosting;

public sealed class ClusterConfigurationTests
{
    private const string Connection =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=c2VjcmV0;TableEndpoint=http://127.0.0.1:1/devstoreaccount1;";

    [Fact]
    public void A_client_takes_the_ids_clustering_and_client_options_but_no_silo_only_provider()
    {
        var silo = new Dictionary<string, string?>(ClusterConfiguration.AzureTableStorage(Connection))
        {
            ["Orleans:Messaging:ResponseTimeout"] = "00:00:30",
            ["orleans:grainDirectory:default:ProviderType"] = "Redis",
            ["Swarm:Resume:ReminderPeriod"] = "00:00:05",
        };

        var client = ClusterConfiguration.ForClient(silo);

        Assert.Equal(
            ["Orleans:ClusterId", "Orleans:Clustering:ConnectionString", "Orleans:Clustering:ProviderType", "Orleans:Messaging:ResponseTimeout",
                "Orleans:ServiceId", "Swarm:Resume:ReminderPeriod"],
            client.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("AzureTableStorage", client["orleans:clustering:providertype"]);
    }

    [Fact]
    public void The_redis_address_gives_a_client_only_its_ids_and_clustering()
    {
        var client = ClusterConfiguration.ForClient(ClusterConfiguration.FromAddress("redis://127.0.0.1:6379"));

        Assert.Equal(["Orleans:ClusterId", "Orleans:Clustering:ConnectionString", "Orleans:Clustering:ProviderType", "Orleans:ServiceId"],
            client.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("127.0.0.1:6379", client["Orleans:Clustering:ConnectionString"]);
    }

    [Fact]
    public void Configuration_that_names_clustering_is_described_by_provider_without_its_connection_string()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(ClusterConfiguration.AzureTableStorage(Connection)).Build();

        var described = ClusterConfiguration.Describe(configuration);

        Assert.Equal("Orleans__Clustering (AzureTableStorage)", described);
    }

    [Fact]
    public void Configuration_without_clustering_names_no_cluster_even_with_grain_storage()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Orleans:GrainStorage:swarm:ProviderType"] = "AzureTableStorage",
            ["Orleans:GrainStorage:swarm:ConnectionString"] = Connection,
        }).Build();

        Assert.Null(ClusterConfiguration.Describe(configuration));
    }
}
