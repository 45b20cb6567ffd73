using Microsoft.Extensions.DependencyInjection;
using Swarm.Abstractions.Plugins;

namespace Swarm.Scenarios.Studies.Monitoring;

/// <summary>
/// Adds or replaces the pattern of one collusion kind (see <see cref="CollusionPatternServiceCollectionExtensions.AddSwarmCollusionPatterns"/>).
/// Patterns are transient: every monitor resolves its own, since a pattern remembers the rounds it has seen.
/// </summary>
public sealed class CollusionPatternBuilder(IServiceCollection services) : PluginBuilder<ICollusionPattern>(services, ServiceLifetime.Transient)
{
    public CollusionPatternBuilder AddCollusionPattern<T>(string kind) where T : class, ICollusionPattern
    {
        Register<T>(kind);
        return this;
    }

    /// <summary>A pattern made by <paramref name="create"/>, called once per monitor.</summary>
    public CollusionPatternBuilder AddCollusionPattern(string kind, Func<IServiceProvider, ICollusionPattern> create)
    {
        Register(kind, create);
        return this;
    }
}
