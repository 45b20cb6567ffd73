using Microsoft.Extensions.DependencyInjection;
using Swarm.Abstractions.Plugins;

namespace Swarm.Models.Providers;

/// <summary>
/// Registers model providers by the name a <c>provider:name</c> spec gives them (see
/// <see cref="ModelServiceCollectionExtensions.AddSwarmModels"/>).
/// </summary>
public sealed class ModelProviderBuilder(IServiceCollection services) : PluginBuilder<IModelProvider>(services, ServiceLifetime.Singleton)
{
    /// <summary>Adds (or replaces) the provider of <c><paramref name="name"/>:…</c> specs; one instance serves every model it names.</summary>
    public ModelProviderBuilder AddModelProvider<T>(string name) where T : class, IModelProvider
    {
        Register<T>(name);
        return this;
    }

    /// <summary>Adds (or replaces) a provider made by <paramref name="create"/>.</summary>
    public ModelProviderBuilder AddModelProvider(string name, Func<IServiceProvider, IModelProvider> create)
    {
        Register(name, create);
        return this;
    }

    /// <summary>A spec's provider is lower case and ends at the first colon (<see cref="ModelSpec.Parse"/>), so a name must be too.</summary>
    protected override void CheckName(string name)
    {
        base.CheckName(name);
        if (name.Length != name.Trim().Length || name.Any(c => char.ToLowerInvariant(c) != c) || name.Contains(':'))
            throw new ArgumentException($"model provider name '{name}' must be lower case, without spaces or ':' (it is what a spec has before ':')",
                nameof(name));
    }
}
