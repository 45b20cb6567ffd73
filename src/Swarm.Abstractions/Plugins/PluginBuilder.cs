using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Swarm.Abstractions.Plugins;

/// <summary>
/// The one shape every Swarm plug-in is registered in (model providers, detectors, collusion patterns, harnesses): keyed
/// by name in the service collection, so a plug-in is resolved from DI like any service and may take services in its
/// constructor. <see cref="Names"/> keeps registration order, which is the order plug-ins run in and are listed in.
/// Registering a name again replaces that plug-in (it keeps its place), so a host may swap a built-in for its own.
/// </summary>
/// <typeparam name="TPlugin">The plug-in's contract.</typeparam>
public abstract class PluginBuilder<TPlugin>(IServiceCollection services, ServiceLifetime lifetime) where TPlugin : class
{
    private readonly List<string> _names = [];

    public IServiceCollection Services => services;

    /// <summary>The registered names, in registration order.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>How long one resolved plug-in lives: one per container, or a fresh one per resolution (stateful plug-ins).</summary>
    public ServiceLifetime Lifetime => lifetime;

    /// <summary>Every registered plug-in by name, in registration order.</summary>
    public IReadOnlyList<KeyValuePair<string, TPlugin>> Resolve(IServiceProvider provider) =>
        [.. _names.Select(n => KeyValuePair.Create(n, provider.GetRequiredKeyedService<TPlugin>(n)))];

    /// <summary>Registers <typeparamref name="T"/> under <paramref name="name"/>, built by the container.</summary>
    protected void Register<T>(string name) where T : class, TPlugin =>
        Register(name, new ServiceDescriptor(typeof(TPlugin), name, typeof(T), lifetime));

    /// <summary>Registers a plug-in made by <paramref name="create"/> (once, or per resolution for a transient builder).</summary>
    protected void Register(string name, Func<IServiceProvider, TPlugin> create) =>
        Register(name, new ServiceDescriptor(typeof(TPlugin), name, (sp, _) => create(sp), lifetime));

    /// <summary>Checks a name before it is registered; the default refuses only empty names.</summary>
    protected virtual void CheckName(string name) => ArgumentException.ThrowIfNullOrWhiteSpace(name);

    private void Register(string name, ServiceDescriptor descriptor)
    {
        CheckName(name);
        services.RemoveAllKeyed<TPlugin>(name);
        services.Add(descriptor);
        if (!_names.Contains(name, StringComparer.Ordinal)) _names.Add(name);
    }
}
