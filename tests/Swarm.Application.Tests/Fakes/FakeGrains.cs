using System.Reflection;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Runs;

namespace Swarm.Application.Tests.Fakes;

/// <summary>
/// An <see cref="IGrainFactory"/> that hands out fakes: grains by interface and key, runs by their grain id (as
/// <see cref="RunGrains.GetRun(IGrainFactory, string, string)"/> addresses them), and observers as themselves.
/// </summary>
public class FakeGrains : DispatchProxy
{
    private readonly Dictionary<(Type, string), object> _grains = [];
    private readonly Dictionary<string, IRunGrain> _runs = new(StringComparer.Ordinal);

    public static (IGrainFactory Factory, FakeGrains Fakes) Create()
    {
        var factory = Create<IGrainFactory, FakeGrains>();
        return (factory, (FakeGrains)(object)factory);
    }

    public FakeGrains Add<T>(string key, T grain) where T : notnull
    {
        _grains[(typeof(T), key)] = grain;
        return this;
    }

    /// <summary>A run of any kind, reached through <see cref="IRunGrain"/> by its id.</summary>
    public FakeGrains AddRun(string id, IRunGrain run)
    {
        _runs[id] = run;
        return this;
    }

    public FakeGrains AddRegistry(params RunEntry[] entries) => Add<IRunRegistryGrain>(IRunRegistryGrain.Key, new FakeRegistry(entries));

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => (targetMethod?.Name, args?.FirstOrDefault()) switch
    {
        ("GetGrain", GrainId id) => _runs[id.Key.ToString()!],
        ("GetGrain", string key) => _grains.TryGetValue((targetMethod!.ReturnType, key), out var grain)
            ? grain
            : throw new KeyNotFoundException($"no fake {targetMethod.ReturnType.Name} '{key}'"),
        ("CreateObjectReference", var observer) => observer,
        ("DeleteObjectReference", _) => null,
        _ => throw new NotSupportedException(targetMethod?.ToString()),
    };

    private sealed class FakeRegistry(RunEntry[] runs) : IRunRegistryGrain
    {
        public Task RegisterAsync(RunEntry entry) => Task.CompletedTask;

        public Task<RunEntry[]> ListAsync() => Task.FromResult(runs);
    }
}
