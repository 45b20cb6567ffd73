using Microsoft.Extensions.Configuration;
using Orleans.Providers;
using Swarm.Silo.Storage;

[assembly: RegisterProvider("Sqlite", "GrainStorage", "Silo", typeof(SqliteGrainStorageProviderBuilder))]

namespace Swarm.Silo.Storage;

/// <summary>
/// Lets configuration choose Swarm's SQLite storage like any Orleans provider:
/// <c>Orleans__GrainStorage__swarm__ProviderType=Sqlite</c>, <c>Orleans__GrainStorage__swarm__DatabasePath=…</c>.
/// </summary>
internal sealed class SqliteGrainStorageProviderBuilder : IProviderBuilder<ISiloBuilder>
{
    public void Configure(ISiloBuilder builder, string? name, IConfigurationSection configurationSection)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        builder.AddSqliteGrainStorage(name, o =>
        {
            if (configurationSection["DatabasePath"] is { Length: > 0 } path) o.DatabasePath = path;
        });
    }
}
