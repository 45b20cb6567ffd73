using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.World;
using Swarm.Grains.Audit;
using Swarm.Silo.Hosting;

namespace Swarm.Grains.Tests;

/// <summary>On the real embedded host (SQLite): a server's files and its audit log are stored apart, in segments.</summary>
public sealed class SegmentedStorageTests : IDisposable
{
    private readonly string _stateDir = Path.Combine(Path.GetTempPath(), "swarm-segments-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_stateDir)) Directory.Delete(_stateDir, recursive: true);
    }

    [Fact]
    public async Task Reads_append_only_their_audit_entry_and_the_log_survives_a_restart()
    {
        const int reads = 150;
        var key = "segments/ops-01";
        var file = new WorldFile("/etc/app.conf", "ops", "config", 10, new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), "enabled: true");
        var at = new DateTimeOffset(2026, 3, 16, 9, 0, 0, TimeSpan.Zero);

        using (var host = await StartAsync())
        {
            var server = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IServerGrain>(key);
            await server.InitializeAsync(new ServerInfo("ops-01", "ops"), [file]);
            var filesEtag = Etag("server");
            for (var i = 1; i <= reads; i++)
                Assert.Equal("enabled: true", (await server.ReadFileAsync(new AuditStamp(i, at.AddSeconds(i), "critic", "read_file", "{}"), file.Path)).Result);

            Assert.Equal(filesEtag, Etag("server"));
            Assert.Equal(["audit-0", "audit-1", "audit-2", "audit-head", "server"], StateNames());
            Assert.True(SegmentedLog<AuditEntry>.SegmentSize >= Entries("audit-2") && Entries("audit-2") == reads % SegmentedLog<AuditEntry>.SegmentSize);

            Assert.Equal("ok", (await server.WriteFileAsync(new AuditStamp(reads + 1, at, "critic", "write_file", "{}"), file.Path, "enabled: false")).Result);
            Assert.NotEqual(filesEtag, Etag("server"));
            await host.StopAsync();
        }

        using (var host = await StartAsync())
        {
            var server = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IServerGrain>(key);
            var log = await server.GetAuditLogAsync();
            Assert.Equal(Enumerable.Range(1, reads + 1).Select(i => (long)i), log.Select(e => e.Sequence));
            Assert.Equal("enabled: false", (await server.GetSnapshotAsync()).Files.Single().Content);
            await server.ListFilesAsync(new AuditStamp(reads + 2, at, "critic", "list_files", "{}"));
            Assert.Equal(reads + 2, (await server.GetAuditLogAsync()).Length);
            await host.StopAsync();
        }
    }

    private async Task<IHost> StartAsync()
    {
        var host = SwarmSilo.BuildEmbeddedHost(new SwarmSiloOptions { StateDirectory = _stateDir });
        await host.StartAsync();
        return host;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(_stateDir, "swarm.db")};Pooling=False");
        connection.Open();
        return connection;
    }

    private string? Etag(string state)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT etag FROM grain_state WHERE state_name = $s";
        command.Parameters.AddWithValue("$s", state);
        return command.ExecuteScalar() as string;
    }

    private string[] StateNames()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT state_name FROM grain_state WHERE grain_id LIKE 'server/%' ORDER BY state_name";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read()) names.Add(reader.GetString(0));
        return [.. names];
    }

    private int Entries(string state)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM grain_state WHERE state_name = $s";
        command.Parameters.AddWithValue("$s", state);
        var json = Swarm.Silo.Storage.StoredPayload.Decode((byte[])command.ExecuteScalar()!).ToString();
        return System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("Entries").GetArrayLength();
    }
}
