using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Swarm.Silo.Storage;

namespace Swarm.Silo.Tests.Storage;

[GenerateSerializer]
public sealed class CounterState
{
    [Id(0)]
    public int Count { get; set; }
}

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Increment();
    Task<int> Read();
}

public sealed class CounterGrain([PersistentState("s")] IPersistentState<CounterState> state) : Grain, ICounterGrain
{
    public async Task<int> Increment()
    {
        state.State.Count++;
        await state.WriteStateAsync();
        return state.State.Count;
    }

    public Task<int> Read() => Task.FromResult(state.State.Count);
}

public sealed class SiloRestartTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Grain_state_survives_a_silo_restart()
    {
        using (var first = await StartSiloAsync())
        {
            var counter = first.Services.GetRequiredService<IGrainFactory>().GetGrain<ICounterGrain>("restart");
            await counter.Increment();
            await counter.Increment();
            Assert.Equal(3, await counter.Increment());
            await first.StopAsync();
        }

        using (var second = await StartSiloAsync())
        {
            var counter = second.Services.GetRequiredService<IGrainFactory>().GetGrain<ICounterGrain>("restart");
            Assert.Equal(3, await counter.Read());
            Assert.Equal(4, await counter.Increment());
            await second.StopAsync();
        }

        // The silo's UseSystemTextJsonGrainStorageSerializer() choice reached the provider.
        await using var connection = new SqliteConnection($"Data Source={_temp.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM grain_state WHERE state_name = 's'";
        var payload = Encoding.UTF8.GetString((byte[])(await command.ExecuteScalarAsync())!);
        Assert.Contains("4", payload);
        Assert.StartsWith("{", payload);
    }

    private async Task<IHost> StartSiloAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(siloPort: FreePort(), gatewayPort: FreePort())
            .UseSystemTextJsonGrainStorageSerializer()
            .AddSqliteGrainStorageAsDefault(options => options.DatabasePath = _temp.DatabasePath));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    // Fresh ports per silo so parallel test classes and quick restarts never collide.
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
