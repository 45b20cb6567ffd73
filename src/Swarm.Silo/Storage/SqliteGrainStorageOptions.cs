using Orleans.Storage;

namespace Swarm.Silo.Storage;

/// <summary>Configuration for one named <see cref="SqliteGrainStorage"/> provider.</summary>
public sealed class SqliteGrainStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>Path of the SQLite database file; it and its directory are created on first use.</summary>
    public string DatabasePath { get; set; } = Path.Combine(".swarm", "grains.db");

    /// <summary>
    /// Serializer for grain state payloads. When left null, registration fills it with the silo's
    /// <see cref="IGrainStorageSerializer"/> so <c>UseSystemTextJsonGrainStorageSerializer()</c> and friends apply.
    /// </summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;
}
