using Orleans;
using Orleans.Runtime;
using Orleans.Runtime.Placement;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Trials;
using Swarm.Cli.Tests.Infrastructure;
using Swarm.Scenarios.Loading;
using Swarm.Scenarios.Trials;
using Swarm.Testing.Fakes;
using Xunit;
using static Swarm.Cli.Tests.Infrastructure.OpenAiResults;

namespace Swarm.Cli.Tests.Cluster;

/// <summary>
/// Provider limits on a real two-silo cluster (redis-server and <c>swarm serve</c> processes) against the loopback
/// OpenAI-compatible server: the limit holds for the cluster, not per silo, and an endpoint that rate-limits half
/// of all calls slows a run down without erroring a trial or changing a label.
/// </summary>
[Collection(CliRunCollection.Name)]
public sealed class ProviderLimitTests
{
    private const string Scenario = "scenarios/paper/shutdown-config.yaml";
    private static readonly string[] Scripts = [FakeScripts.EditConfig, FakeScripts.ComplyMaintenance, FakeScripts.Refuse];
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);
    private const long Seed = 7; // OpenAiHarness's

    /// <summary>The run's models, as <c>--model</c> gives them.</summary>
    private static string[] Models => [.. Scripts.Select(OpenAiHarness.Spec)];

    [Fact]
    public async Task Two_silos_with_provider_concurrency_2_never_have_more_than_2_calls_in_flight_between_them()
    {
        await using var h = await OpenAiHarness.StartAsync();
        h.Server.ChatLatency = TimeSpan.FromMilliseconds(300);
        // Each silo calls with a key of its own, so the server can tell that both silos were calling.
        var keys = new Dictionary<string, string?> { ["SILO_A_KEY"] = h.Key + "-a", ["SILO_B_KEY"] = h.Key + "-b" };
        string[] Serve(string keyEnv) => ["--endpoint", h.Endpoint, "--provider-concurrency", "2", "--api-key-env", keyEnv];
        await using var cluster = await SwarmCluster.StartAsync(silos: 1, keys, Serve("SILO_A_KEY"));
        await cluster.StartSiloAsync(Serve("SILO_B_KEY"));
        await SpreadCriticsAsync(cluster, trials: 4);

        var result = await h.RunAsync(h.Args(Scenario, Scripts, h.Workspace.Out, h.Workspace.State, trials: 4,
            "--cluster", cluster.Address, "--concurrency", "12"), timeout: RunTimeout);
        CliTest.AssertOk(result);
        Assert.Contains("12 completed, 0 errored", result.Stdout);

        // Per-silo limits would let each silo have 2 calls in flight at once, 4 in all.
        Assert.True(h.Server.MaxChatInFlight <= 2, $"the server saw {h.Server.MaxChatInFlight} chat requests in flight at once");
        var callers = h.Server.ChatRequests.Select(r => r.Authorization).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal([$"Bearer {h.Key}-a", $"Bearer {h.Key}-b"], callers);
    }

    [Fact]
    public async Task A_cluster_run_against_an_endpoint_that_rate_limits_every_other_request_completes_every_trial_with_the_same_labels()
    {
        await using var h = await OpenAiHarness.StartAsync();
        var limited = Fault.Status(429, retryAfterSeconds: 1);
        h.Server.EveryOtherChatRequest = limited;
        // Against this server every attempt is a coin toss however slowly calls come, so a call needs room for a run
        // of bad luck: the count is raised, and the time budget is what bounds a call.
        await using var cluster = await SwarmCluster.StartAsync(silos: 2, h.Env(),
            "--endpoint", h.Endpoint, "--provider-concurrency", "2", "--max-retries", "20", "--retry-budget", "120");
        await SpreadCriticsAsync(cluster, trials: 2);

        var result = await h.RunAsync(h.Args(Scenario, Scripts, h.Workspace.Out, h.Workspace.State, trials: 2,
            "--cluster", cluster.Address, "--concurrency", "6"), timeout: RunTimeout);
        CliTest.AssertOk(result);
        Assert.Contains("6 completed, 0 errored", result.Stdout);
        Assert.True(h.Server.CountOf(limited) >= 6, $"only {h.Server.CountOf(limited)} requests were rate-limited");
        Assert.True(h.Server.MaxChatInFlight <= 2, $"the server saw {h.Server.MaxChatInFlight} chat requests in flight at once");
        var doc = Results.Load(h.Workspace.Out);
        Assert.True(TotalUsage(doc, "retries") >= h.Server.CountOf(limited), "every 429 is a retried call in usage.retries");
        // The cluster's gate answered the 429s by lowering the shared limit (on whichever silo holds it).
        Assert.Contains(cluster.Silos, s => (s.Process.Stdout + s.Process.Stderr).Contains("lowered to 1 after a 429", StringComparison.Ordinal));

        h.Server.EveryOtherChatRequest = null;
        var reference = await h.RunAsync(h.Args(Scenario, Scripts, h.Workspace.Dir("ref-out"), h.Workspace.Dir("ref-state"), trials: 2), timeout: RunTimeout);
        CliTest.AssertOk(reference);
        var expected = Labelled(Results.Load(h.Workspace.Dir("ref-out")));
        Assert.Equal(6, expected.Count);
        Assert.Equal(expected, Labelled(doc));
    }

    /// <summary>
    /// Activates each trial's critic (the grain that calls the model) on the silos in turn before the run starts, so
    /// both silos call the endpoint at once. Left alone, Orleans' resource-optimised placement may put a whole burst
    /// of trials on one silo, and then per-silo limits would pass this test too. The keys are the run's own: its
    /// experiment id and trial ids are pure functions of its arguments, and a trial's first attempt is attempt 1.
    /// </summary>
    private static async Task SpreadCriticsAsync(SwarmCluster cluster, int trials)
    {
        var yaml = File.ReadAllText(Path.Combine(SwarmCli.RepoRoot, Scenario));
        var scenario = ScenarioLoader.Parse(yaml, Scenario);
        string[] peers = ["good"], monitorings = ["monitored"];
        var id = ExperimentPlanner.ExperimentId(scenario.Id, yaml, Models, peers, monitorings, trials, Seed);
        var plan = new ExperimentPlan(id, scenario.Id, Scenario, yaml, Models, peers, monitorings, trials, Seed, Concurrency: 1);

        using var client = await cluster.ClientAsync();
        var grains = SwarmCluster.Grains(client);
        var silos = (await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Keys.OrderBy(s => s.ToString(), StringComparer.Ordinal).ToList();
        Assert.Equal(2, silos.Count);
        var specs = ExperimentPlanner.Trials(plan);
        for (var i = 0; i < specs.Count; i++)
        {
            RequestContext.Set(IPlacementDirector.PlacementHintKey, silos[i % 2]);
            try
            {
                var critic = grains.GetGrain<IAgentGrain>(GrainKeys.Scoped(GrainKeys.TrialScope(id, specs[i].TrialId, 1), scenario.Critic.Name));
                Assert.Null(await critic.GetStateAsync());
            }
            finally
            {
                RequestContext.Clear();
            }
        }
    }

    /// <summary>Each trial's status and labels by trial id.</summary>
    private static Dictionary<string, string> Labelled(System.Text.Json.Nodes.JsonObject doc) =>
        Results.Trials(doc).Select(t => t!.AsObject()).ToDictionary(
            t => t["id"]!.GetValue<string>(),
            t => Status(t) + ": " + string.Join(", ", Labels(t)));
}
