using Swarm.Abstractions.Models;

namespace Swarm.Models.Providers;

/// <summary>The registered providers by name: what a spec resolves to, and the <see cref="IModelCatalog"/> the rest of Swarm asks.</summary>
public sealed class ModelProviders : IModelCatalog
{
    private readonly Dictionary<string, IModelProvider> _byName;
    private readonly ModelProviderSettings _settings;

    public ModelProviders(IReadOnlyList<KeyValuePair<string, IModelProvider>> providers, ModelProviderSettings settings)
    {
        _byName = providers.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        _settings = settings;
        Providers = [.. providers.Select(p => p.Key)];
        HypothesisNames = [.. providers.SelectMany(p => p.Value.HypothesisNames).Distinct(StringComparer.Ordinal)];
        DefaultModel = settings.DefaultModel
            ?? providers.Select(p => p.Value.DefaultModel is { } model ? $"{p.Key}:{model}" : null).FirstOrDefault(m => m is not null);
    }

    public IReadOnlyList<string> Providers { get; }

    public string? DefaultModel { get; }

    public IReadOnlyList<string> HypothesisNames { get; }

    /// <summary>The spec's provider and the model name it is asked for.</summary>
    /// <exception cref="ArgumentException">Malformed, or no provider of that name is registered (the message lists those that are).</exception>
    public (IModelProvider Provider, ModelSpec Spec) Resolve(string spec)
    {
        var parsed = ModelSpec.Parse(spec);
        return _byName.TryGetValue(parsed.Provider, out var provider)
            ? (provider, parsed)
            : throw new ArgumentException($"unknown model provider '{parsed.Provider}' in '{spec}'; registered: {string.Join(", ", Providers)}");
    }

    public void Validate(string spec)
    {
        var (provider, parsed) = Resolve(spec);
        // A replay answers from the response cache, which only wraps providers that call out.
        if (!provider.Traits.Offline && _settings.Replay && _settings.CacheDirectory is null)
            throw new ArgumentException("--replay needs --cache DIR with recorded responses");
        provider.Validate(parsed.Name);
    }

    public ModelTraits Traits(string spec) => Resolve(spec).Provider.Traits;

    public IReadOnlyList<ReferenceFigure> ReferenceFigures(string spec)
    {
        var (provider, parsed) = Resolve(spec);
        return provider.ReferenceFigures(parsed.Name);
    }

    public IReadOnlyDictionary<string, double>? Hypotheses(string spec)
    {
        var (provider, parsed) = Resolve(spec);
        return provider.Hypotheses(parsed.Name);
    }
}
