using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Swarm.Abstractions.Models;
using Swarm.Models.Embeddings;
using Swarm.Models.Providers;
using Swarm.Models.Tests.Support;
using Xunit;

namespace Swarm.Models.Tests.Providers;

/// <summary>Model providers as plug-ins: registered by name through the builder, resolved from DI, asked through the catalog.</summary>
public sealed class ModelProviderBuilderTests
{
    [Fact]
    public void The_built_in_providers_are_registered_in_order_and_an_unknown_one_is_refused_with_the_registered_names()
    {
        var catalog = SwarmModels.Services().GetRequiredService<IModelCatalog>();

        Assert.Equal(["sim", "openai"], catalog.Providers);
        var error = Assert.Throws<ArgumentException>(() => catalog.Validate("acme:x"));
        Assert.Contains("unknown model provider 'acme'", error.Message);
        Assert.Contains("registered: sim, openai", error.Message);
        Assert.Throws<ArgumentException>(() => SwarmModels.Services().GetRequiredService<IEmbeddingFactory>().Create("acme:x"));
    }

    [Fact]
    public async Task A_provider_added_to_the_builder_serves_its_specs_through_the_pipeline_catalog_and_embeddings()
    {
        var services = SwarmModels.Services(plugins: b => b.AddModelProvider<EchoProvider>(EchoProvider.Name));
        var catalog = services.GetRequiredService<IModelCatalog>();
        var factory = services.GetRequiredService<IModelClientFactory>();

        Assert.Equal(["sim", "openai", "echo"], catalog.Providers);
        catalog.Validate("echo:any");
        Assert.Throws<ArgumentException>(() => catalog.Validate("echo:"));
        Assert.Throws<ArgumentException>(() => catalog.Validate("echo:refused"));
        Assert.Equal(EchoProvider.OfflineTraits, catalog.Traits("echo:any"));
        Assert.Equal("reference", Assert.Single(catalog.ReferenceFigures("echo:any")).Claim);
        Assert.Equal(new Dictionary<string, double> { ["echo_rate"] = 0.5 }, catalog.Hypotheses("echo:any"));
        Assert.Contains("echo_rate", catalog.HypothesisNames);
        Assert.Null(catalog.Hypotheses("openai:gpt-5.2"));
        Assert.Empty(catalog.ReferenceFigures("openai:gpt-5.2"));

        var client = factory.Create("echo:any");
        Assert.Same(client, factory.Create("echo:any"));
        var answer = await client.GetResponseAsync("hello");
        Assert.Equal("echo: hello", answer.Text);
        // An offline provider is wrapped in telemetry alone, so its own client is still reachable through the pipeline.
        Assert.NotNull(client.GetService<EchoChatClient>());
        Assert.IsType<LocalEmbeddingGenerator>(services.GetRequiredService<IEmbeddingFactory>().Create("echo:any"));
    }

    [Fact]
    public void Registering_a_name_again_replaces_that_provider_in_its_place()
    {
        var services = SwarmModels.Services(plugins: b => b.AddModelProvider<EchoProvider>("sim"));
        var catalog = services.GetRequiredService<IModelCatalog>();

        Assert.Equal(["sim", "openai"], catalog.Providers);
        Assert.Equal(EchoProvider.OfflineTraits, catalog.Traits("sim:anything"));
        Assert.IsType<EchoProvider>(services.GetRequiredKeyedService<IModelProvider>("sim"));
    }

    [Theory]
    [InlineData("Echo")]
    [InlineData("ec:ho")]
    [InlineData(" echo")]
    [InlineData("")]
    public void A_name_no_spec_could_reach_is_refused(string name)
    {
        var builder = new ServiceCollection().AddSwarmModels();
        Assert.ThrowsAny<ArgumentException>(() => builder.AddModelProvider<EchoProvider>(name));
    }

    [Fact]
    public void Adding_the_models_again_returns_the_same_builder_and_registers_nothing_twice()
    {
        var services = new ServiceCollection();
        var first = services.AddSwarmModels();
        var count = services.Count;

        Assert.Same(first, services.AddSwarmModels());
        Assert.Equal(count, services.Count);
    }

    [Fact]
    public void The_default_model_comes_from_the_settings_else_from_the_first_provider_that_offers_one()
    {
        Assert.Equal("sim:compliant", SwarmModels.Services().GetRequiredService<IModelCatalog>().DefaultModel);
        Assert.Equal("openai:gpt-5.2", SwarmModels.Services(new ModelProviderSettings { DefaultModel = "openai:gpt-5.2" })
            .GetRequiredService<IModelCatalog>().DefaultModel);
    }

    [Fact]
    public void Replay_without_a_cache_is_refused_for_providers_that_call_out_and_not_for_offline_ones()
    {
        var catalog = SwarmModels.Services(new ModelProviderSettings { Replay = true }).GetRequiredService<IModelCatalog>();

        Assert.Contains("--replay needs --cache", Assert.Throws<ArgumentException>(() => catalog.Validate("openai:gpt-5.2")).Message);
        catalog.Validate("sim:compliant");
    }

    /// <summary>A provider of the test's own: it answers with the user's text, offline.</summary>
    private sealed class EchoProvider : IModelProvider
    {
        public const string Name = "echo";

        public static readonly ModelTraits OfflineTraits = new() { Offline = true, EstimatedUsage = true };

        public ModelTraits Traits => OfflineTraits;

        public IReadOnlyList<string> HypothesisNames => ["echo_rate"];

        public void Validate(string model)
        {
            if (string.IsNullOrWhiteSpace(model) || model == "refused") throw new ArgumentException($"echo: no model '{model}'");
        }

        public IChatClient CreateChatClient(string model) => new EchoChatClient();

        public IEmbeddingGenerator<string, Embedding<float>> CreateEmbeddingGenerator(string model) => new LocalEmbeddingGenerator();

        public IReadOnlyList<ReferenceFigure> ReferenceFigures(string model) => [new("reference", "shutdown-config", "refusal", "good", "monitored", 0.1)];

        public IReadOnlyDictionary<string, double>? Hypotheses(string model) => new Dictionary<string, double> { ["echo_rate"] = 0.5 };
    }

    private sealed class EchoChatClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken ct = default) =>
            Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "echo: " + messages.Last().Text)));

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
            CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

        public void Dispose() { }
    }
}
