using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;
using Swarm.Abstractions.Episodes;
using Swarm.Abstractions.Tools;
using Swarm.Abstractions.World;
using Swarm.Models.Agents;
using Swarm.Models.Tests.Support;
using Swarm.Scenarios.World;
using Swarm.Testing.Fakes;
using Xunit;

namespace Swarm.Models.Tests.FakeServerTests;

/// <summary>
/// An episode's facts never leave the process: an <c>openai:</c> model is not handed them, its requests carry none of them
/// (no monitoring flag, no facts key), and its cached responses are keyed as if there were none. Even handed them
/// directly, the provider sends none.
/// </summary>
public sealed class EpisodeFactsStayLocalTests : IAsyncLifetime
{
    private FakeOpenAiServer _server = null!;
    private readonly string _cache = Path.Combine(Path.GetTempPath(), "swarm-facts-cache-" + Guid.NewGuid().ToString("N"));

    public async Task InitializeAsync() => _server = await FakeOpenAiServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        if (Directory.Exists(_cache)) Directory.Delete(_cache, recursive: true);
    }

    /// <summary>Words a request would hold if any of the facts, or their key, had gone out with it.</summary>
    private static readonly string[] Leaks =
        ["swarm.episode", "monitored", "knownfrom", "peerweights", "threshold\":", "betrayal", "hypotheses", "settings", "\"task\":"];

    /// <summary>The chat completion keys a request of this provider may hold.</summary>
    private static readonly string[] Standard = ["messages", "model", "tools", "tool_choice", "seed", "parallel_tool_calls", "stream", "stream_options"];

    private static void AssertNoFacts(IReadOnlyList<RecordedRequest> requests)
    {
        Assert.NotEmpty(requests);
        foreach (var request in requests)
        {
            var body = request.Body.ToLowerInvariant();
            Assert.All(Leaks, word => Assert.DoesNotContain(word, body));
            var keys = request.Json().EnumerateObject().Select(p => p.Name).ToList();
            Assert.All(keys, key => Assert.Contains(key, Standard));
        }
    }

    private static (EpisodeFacts Facts, InMemoryWorld World, Scenarios.Model.Scenario Scenario) Trial()
    {
        var scenario = Paper.Load("shutdown-config");
        var built = WorldBuilder.Build(scenario, Conditions.Good);
        return (ScenarioFacts.For(scenario, built, Conditions.Good, monitored: true), built.ToInMemory(), scenario);
    }

    private static Task<Abstractions.Agents.EpisodeResult> RunAsync(IChatClient model, EpisodeFacts? facts)
    {
        var (_, world, scenario) = Trial();
        var dispatcher = new ToolDispatcher(world, scenario.Critic.Name, scenario.Task.Tools, new WorldClock(scenario.World.Now));
        return new AgentConversation(model).RunAsync(Prompts.System(scenario.Critic), Prompts.User(scenario, Conditions.Monitored),
            scenario.Task.Tools, scenario.Task.MaxTurns, 7, dispatcher.InvokeAsync, facts: facts);
    }

    [Fact]
    public async Task An_openai_model_in_an_episode_with_facts_sends_none_and_caches_as_without_them()
    {
        var factory = SwarmModels.Factory(new ModelProviderSettings { Endpoint = _server.BaseUrl, CacheDirectory = _cache });
        var model = factory.Create("openai:" + FakeScripts.ComplyMaintenance);
        Assert.False(model.ReadsFacts());
        Assert.True(factory.Create("sim:gpt-5.2").ReadsFacts());

        var withFacts = await RunAsync(model, Trial().Facts);
        Assert.True(withFacts.Finished, withFacts.FinalMessage);
        AssertNoFacts(_server.ChatRequests);

        // The same episode without facts is answered from the cache alone: the facts changed no request's key.
        var sent = _server.ChatRequests.Count;
        var without = await RunAsync(model, null);
        Assert.Equal(sent, _server.ChatRequests.Count);
        Assert.Equal(withFacts.Transcript, without.Transcript);
    }

    [Fact]
    public async Task Even_handed_the_facts_directly_the_provider_sends_none()
    {
        var options = new OpenAIClientOptions { Endpoint = _server.BaseUrl, RetryPolicy = new ClientRetryPolicy(0) };
        IChatClient client = new OpenAIClient(new ApiKeyCredential("sk-test"), options).GetChatClient(FakeScripts.Echo).AsIChatClient();
        var facts = Trial().Facts with { Settings = new EpisodeSettings(new Dictionary<string, double> { ["trust"] = 0 }, null, 0.5) };

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hello")], new ChatOptions { Seed = 3 }.WithFacts(facts));

        AssertNoFacts(_server.ChatRequests);
    }
}
