using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Swarm.AppHost.Tests;

/// <summary>The Swarm cluster resource's commands, executed as the Aspire dashboard executes them, against the running cluster.</summary>
[Collection(AppHostCollection.Name)]
public sealed class ClusterCommandTests(AppHostFixture fixture)
{
    private ResourceCommandService Commands => fixture.App.Services.GetRequiredService<ResourceCommandService>();

    private static InteractionInputCollection Arguments(params (string Name, string Value)[] values) =>
        new([.. values.Select(v => new InteractionInput { Name = v.Name, Label = v.Name, InputType = InputType.Text, Value = v.Value })]);

    [Fact]
    public async Task A_paper_run_started_paused_and_resumed_by_commands_finishes_on_the_cluster()
    {
        var started = await Commands.ExecuteCommandAsync("swarm", "start-paper-run", Arguments(
            ("scenario", "scenarios/paper/shutdown-config.yaml"), ("model", "sim:gemini-3-flash"), ("trials", "150"), ("seed", "9")));
        Assert.True(started.Success, started.Message);
        var id = started.Message!.Split(' ')[1];
        Assert.Contains("1200 trials", started.Message);

        using var api = fixture.Api();
        var paused = await Commands.ExecuteCommandAsync("swarm", "pause-run", Arguments(("run", id)));
        Assert.True(paused.Success, paused.Message);
        var run = await RunAsync(api, id);
        Assert.Equal("paused", run["status"]!.GetValue<string>());
        var resumed = await Commands.ExecuteCommandAsync("swarm", "resume-run", Arguments(("run", id)));
        Assert.True(resumed.Success, resumed.Message);

        var deadline = DateTime.UtcNow.AddMinutes(4);
        while ((run = await RunAsync(api, id))["status"]!.GetValue<string>() != "finished")
        {
            Assert.True(DateTime.UtcNow < deadline, "the run did not finish: " + run.ToJsonString());
            await Task.Delay(250);
        }
        Assert.Equal(1200, run["done"]!.GetValue<int>());
        Assert.Equal(0, run["errored"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_swarm_resource_links_the_Swarm_dashboard_served_by_the_silos()
    {
        Assert.True(fixture.App.ResourceNotifications.TryGetCurrentState("swarm", out var swarm));
        var link = Assert.Single(swarm.Snapshot.Urls, u => u.Name == "Swarm dashboard");
        using var http = new HttpClient();
        var page = await http.GetStringAsync(link.Url);
        Assert.Contains("<title>Swarm", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_replicas_form_one_cluster_on_the_Redis_resource()
    {
        using var api = fixture.Api();
        var silos = (await api.GetFromJsonAsync<JsonArray>("/api/silos"))!;
        Assert.Equal(2, silos.Count);
        Assert.All(silos, s => Assert.Equal("Active", s!["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_bad_request_fails_the_command_with_the_CLIs_message()
    {
        var result = await Commands.ExecuteCommandAsync("swarm", "start-paper-run", Arguments(
            ("scenario", "scenarios/paper/shutdown-config.yaml"), ("model", "sim:no-such-profile"), ("trials", "5"), ("seed", "1")));
        Assert.False(result.Success);
        Assert.Contains("model sim:no-such-profile", result.Message);
    }

    private static async Task<JsonNode> RunAsync(HttpClient api, string id) =>
        (await api.GetFromJsonAsync<JsonArray>("/api/runs"))!.Single(r => r!["id"]!.GetValue<string>() == id)!;
}
