using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Swarm.Models.Gates;
using Swarm.Models.Middleware;
using Swarm.Models.Providers;

namespace Swarm.Models;

/// <summary>
/// Builds the <see cref="IChatClient"/> pipeline for a model spec on the client its registered provider makes,
/// outermost first: per-model options, OpenTelemetry (GenAI conventions), logging, response cache, retries with backoff,
/// per-endpoint concurrency limit, provider. A cache hit therefore costs no retry budget and no concurrency slot. An
/// offline provider's client gets OpenTelemetry alone: it has no endpoint to retry, limit or cache. The endpoint's gate
/// comes from <paramref name="gates"/> (a silo's, shared by the cluster when clustered), else from gates of this
/// factory's own.
/// </summary>
public sealed class ModelClientFactory(
    ModelProviders providers, ModelProviderSettings settings, ILoggerFactory? loggerFactory = null, IEndpointGateProvider? gates = null) : IModelClientFactory
{
    public const string TelemetrySource = "Swarm.Models";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IChatClient> _clients = new();
    private readonly FileResponseCache? _cache = settings.CacheDirectory is { } dir ? new FileResponseCache(dir) : null;
    private readonly IEndpointGateProvider _gates = gates ?? new LocalEndpointGateProvider(loggerFactory);

    public bool Streaming => settings.Streaming;

    public ModelOptions OptionsFor(string spec) => settings.Options.For(spec);

    public void Validate(string spec) => providers.Validate(spec);

    public IChatClient Create(string spec)
    {
        Validate(spec);
        return _clients.GetOrAdd(spec, Build);
    }

    private IChatClient Build(string spec)
    {
        var (provider, parsed) = providers.Resolve(spec);
        if (provider.Traits.Offline)
            return new ChatClientBuilder(provider.CreateChatClient(parsed.Name)).UseOpenTelemetry(loggerFactory, TelemetrySource).Build();

        var inner = settings.Replay ? new ReplayOnlyChatClient(spec) : provider.CreateChatClient(parsed.Name);
        var builder = new ChatClientBuilder(inner)
            .ConfigureOptions(OptionsFor(spec).Apply)
            .UseOpenTelemetry(loggerFactory, TelemetrySource);
        if (loggerFactory is not null) builder.UseLogging(loggerFactory);
        if (_cache is not null) builder.Use(inner => new CountingCache(inner, _cache) { CacheKeyAdditionalValues = [spec] });
        builder
            .UseRetries(settings, loggerFactory)
            .UseConcurrencyLimit(_gates.GateFor(settings.ResolveEndpoint(), EndpointLimits.From(settings)));
        return builder.Build();
    }

    /// <summary>The library's distributed cache, counting hits so a replayed trial says it was replayed.</summary>
    private sealed class CountingCache(IChatClient inner, FileResponseCache cache) : DistributedCachingChatClient(inner, cache)
    {
        protected override async Task<ChatResponse?> ReadCacheAsync(string key, CancellationToken cancellationToken)
        {
            var hit = await base.ReadCacheAsync(key, cancellationToken);
            if (hit is not null) CallStats.Current?.RecordCacheHit();
            return hit;
        }

        protected override async Task<IReadOnlyList<ChatResponseUpdate>?> ReadCacheStreamingAsync(string key, CancellationToken cancellationToken)
        {
            var hit = await base.ReadCacheStreamingAsync(key, cancellationToken);
            if (hit is not null) CallStats.Current?.RecordCacheHit();
            return hit;
        }
    }
}
