using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Swarm.Silo.Hosting;

namespace Swarm.Application.Tests;

/// <summary>
/// A real embedded silo (grain state in memory) with the application layer registered as <c>swarm</c> commands register
/// it, shared by the live tests.
/// </summary>
public sealed class SiloFixture : IAsyncLifetime
{
    private readonly string _state = Directory.CreateTempSubdirectory("swarm-app-").FullName;
    private IHost? _host;

    public static string RepoRoot { get; } = FindRoot();

    public IGrainFactory Grains => Get<IGrainFactory>();

    public T Get<T>() where T : notnull => _host!.Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        _host = SwarmSilo.BuildEmbeddedHost(new SwarmSiloOptions
        {
            StateDirectory = _state,
            Storage = GrainStorageKind.Memory,
            ConfigureSilo = silo => silo.Services.AddSwarmApplication(),
        });
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }
        Directory.Delete(_state, recursive: true);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Swarm.sln"))) return dir.FullName;
        throw new InvalidOperationException("Swarm.sln not found above " + AppContext.BaseDirectory);
    }
}

[CollectionDefinition(Name)]
public sealed class SiloCollection : ICollectionFixture<SiloFixture>
{
    public const string Name = "silo";
}
