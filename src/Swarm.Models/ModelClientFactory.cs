using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Swarm.Models.Gates;
using Swarm.Models.Middleware;
using Swarm.Models.Providers;
using Swarm.Models.Sim;

namespace Swarm.Models;

/// <summary>A parsed <c>--model</c> spec: <c>provider:name</c>.</summary>
public sealed record ModelSpec(string Provider, string Name)
{
    public override string ToString() => $"{Provider}:{Name}";

    public static ModelSpec Parse(string spec)
    {
        var colon = spec.IndexOf(':');
        if (colon <= 0 || colon == spec.Length - 1)
            throw new ArgumentException($"model spec '{spec}' must look like provider:name, e.g. sim:gemini-3-flash or openai:gpt-5.2");
        return new ModelSpec(spec[..colon].Trim().ToLowerInvariant(), spec[(colon + 1)..].Trim());
    }
}

public interface IModelClientFactory
{
    /// <summary>Checks a spec without building a client, so bad input fails before an experiment starts.</summary>
    void Validate(string spec);

    IChatClient Create(string spec);

    ModelOptions OptionsFor(string spec);

    bool Streaming { get; }
}

/// <summary>
/// Builds the <see cref="IChatClient"/> pipeline for a model spec, outermost first: per-model options, OpenTelemetry
/// (GenAI conventions), logging, response cache, retries with backoff, per-endpoint concurrency limit, provider.
/// A cache hit therefore costs no retry budget and no concurrency slot. The endpoint's gate comes from
/// <paramref name="gates"/> (a silo's, shared by the cluster when clustered), else from gates of this factory's own.
/// </summary>
public sealed class ModelClientFactory(ModelProviderSettings settings, ILoggerFactory? loggerFactory = null, IEndpointGateProvider? gates = null)
    : IModelClientFactory
{
    public const string TelemetrySource = "Swarm.Models";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IChatClient> _clients = new();
    private readonly FileResponseCache? _cache = settings.CacheDirectory is { } dir ? new FileResponseCache(dir) : null;
    private readonly IEndpointGateProvider _gates = gates ?? new LocalEndpointGateProvider(loggerFactory);

    public ModelClientFactory() : this(new ModelProviderSettings()) { }

    public bool Streaming => settings.Streaming;

    public ModelOptions OptionsFor(string spec) => settings.Options.For(spec);

    public void Validate(string spec)
    {
        var parsed = ModelSpec.Parse(spec);
        switch (parsed.Provider)
        {
            case "sim":
                SimProfileCatalog.Get(parsed.Name);
                break;
            case "openai":
                if (settings.Replay && _cache is null) throw new ArgumentException("--replay needs --cache DIR with recorded responses");
                OpenAiProvider.Validate(parsed.Name, settings);
                break;
            default:
                throw new ArgumentException($"unknown model provider '{parsed.Provider}' in '{spec}'; supported: sim, openai");
        }
    }

    public IChatClient Create(string spec)
    {
        Validate(spec);
        return _clients.GetOrAdd(spec, Build);
    }

    private IChatClient Build(string spec)
    {
        var parsed = ModelSpec.Parse(spec);
        var options = OptionsFor(spec);
        if (parsed.Provider == "sim")
            return new ChatClientBuilder(new SimChatClient(SimProfileCatalog.Get(parsed.Name))).UseOpenTelemetry(loggerFactory, TelemetrySource).Build();

        IChatClient provider = settings.Replay ? new ReplayOnlyChatClient(spec) : OpenAiProvider.Create(parsed.Name, settings);
        var builder = new ChatClientBuilder(provider)
            .ConfigureOptions(options.Apply)
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
