using Azure.Data.Tables;
using Swarm.Cli.Tests.Infrastructure;
using Xunit;

namespace Swarm.Cli.Tests.Cluster;

/// <summary>
/// A real cluster whose clustering, grain storage and reminders are all Azure Table Storage on Azurite: two
/// <c>swarm serve</c> silos and the command itself configured only by the <c>Orleans__…</c> environment, as Aspire
/// injects it (no <c>--cluster</c>). A paper replication and a study give the results of embedded runs with the same
/// seed, and their grains' state is in Azure Table, not in the command's state folder.
/// </summary>
[Collection(CliRunCollection.Name)]
public sealed class AzureTableClusterTests
{
    private const string Scenario = "scenarios/paper/shutdown-config.yaml";
    private const string Study = "scenarios/studies/population-baseline.yaml";
    private const string Described = "cluster Orleans__Clustering (AzureTableStorage)";

    [Fact]
    public async Task A_paper_run_on_an_Azure_Table_cluster_gives_the_labels_of_an_embedded_run()
    {
        await using var cluster = await SwarmCluster.StartOnAzuriteAsync(silos: 2);
        using var ws = new TempWorkspace();
        const int trialsPerCell = 10;
        var args = CliTest.RunArgs(Scenario, ws.Out, ws.State, trialsPerCell, seed: 13, extra: [.. cluster.CommandArgs, "--concurrency", "4"]);

        var result = await SwarmCli.RunAsync(args, TimeSpan.FromMinutes(4), cluster.CommandEnvironment);

        CliTest.AssertOk(result);
        Assert.Contains(Described, result.Stdout);
        // The connection string carries the account key: no process prints it.
        Assert.DoesNotContain("AccountKey", result.Output);
        Assert.All(cluster.Silos, silo => Assert.DoesNotContain("AccountKey", silo.Process.Stdout + silo.Process.Stderr));
        Assert.Contains("80 completed, 0 errored", result.Stdout);
        Assert.False(File.Exists(Path.Combine(ws.State, "swarm.db")), "the command kept state of its own instead of the cluster's");
        var tables = new TableServiceClient(((AzuriteBacking)cluster.Backing).Server.ConnectionString);
        Assert.Equal(2, await CountAsync(tables.GetTableClient("OrleansSiloInstances"), "Status eq 'Active'"));
        Assert.Equal(trialsPerCell * 8, await CountAsync(tables.GetTableClient("OrleansGrainState"), "RowKey eq 'trial'"));

        var reference = await SwarmCli.RunAsync(CliTest.RunArgs(Scenario, ws.Dir("ref-out"), ws.Dir("ref-state"), trialsPerCell, seed: 13),
            TimeSpan.FromMinutes(2));
        CliTest.AssertOk(reference);
        var clustered = Results.Load(ws.Out);
        var embedded = Results.Load(ws.Dir("ref-out"));
        var labels = Labels(clustered);
        Assert.Equal(trialsPerCell * 8, labels.Count);
        Assert.Equal(Labels(embedded), labels);
        Assert.Equal(Results.Cells(embedded).ToJsonString(), Results.Cells(clustered).ToJsonString());
    }

    [Fact]
    public async Task A_study_on_an_Azure_Table_cluster_gives_the_rounds_of_an_embedded_run()
    {
        await using var cluster = await SwarmCluster.StartOnAzuriteAsync(silos: 2);
        using var ws = new TempWorkspace();
        List<string> Args(string outDir, params string[] extra) =>
            ["study", Study, "--agents", "200", "--rounds", "2", "--model", "sim:gemini-3-pro", "--concurrency", "4", "--out", outDir, .. extra];

        var result = await SwarmCli.RunAsync(Args(ws.Out, [.. cluster.CommandArgs]), TimeSpan.FromMinutes(4), cluster.CommandEnvironment);

        CliTest.AssertOk(result);
        Assert.Contains(Described, result.Stdout);
        var tables = new TableServiceClient(((AzuriteBacking)cluster.Backing).Server.ConnectionString);
        // Every agent of every arm, and the rounds' ledgers, in Azure Table.
        Assert.True(await CountAsync(tables.GetTableClient("OrleansGrainState"), "RowKey eq 'agent'") >= 200);
        Assert.True(await CountAsync(tables.GetTableClient("OrleansGrainState"), "RowKey eq 'round-2-0'") >= 1);

        var reference = await SwarmCli.RunAsync(Args(ws.Dir("ref-out"), "--state-dir", ws.Dir("ref-state")), TimeSpan.FromMinutes(3));
        CliTest.AssertOk(reference);
        Assert.Equal(StudyFingerprint.Of(ws.Dir("ref-out")), StudyFingerprint.Of(ws.Out));
    }

    /// <summary>Trial id → its labels (behaviours) and status, in id order.</summary>
    private static SortedDictionary<string, string> Labels(System.Text.Json.Nodes.JsonObject results) =>
        new(Results.Trials(results).ToDictionary(
            t => t!["id"]!.GetValue<string>(),
            t => t!["status"]!.GetValue<string>() + " " + t["behaviors"]!.ToJsonString()), StringComparer.Ordinal);

    private static async Task<int> CountAsync(TableClient table, string filter)
    {
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey"])) count++;
        return count;
    }
}
