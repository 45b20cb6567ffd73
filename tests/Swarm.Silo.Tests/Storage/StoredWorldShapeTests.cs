using System.Text.Json;
using Orleans.Serialization;
using Swarm.Abstractions.World;

namespace Swarm.Silo.Tests.Storage;

/// <summary>
/// A server's files are grain state, stored as JSON: the C# names of the records may change (they did, from the
/// simulated-world names to WorldFile), but the stored shape must not, or servers stored before would not read back.
/// </summary>
public sealed class StoredWorldShapeTests
{
    [Fact]
    public void A_servers_files_are_stored_with_the_same_property_names()
    {
        var options = new SystemTextJsonGrainStorageSerializerOptions().JsonSerializerOptions;
        var state = new ServerFiles("ops-01", "operations host",
            [new WorldFile("/etc/app.conf", "ops", "config", 12, new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), "enabled: true")], false);

        var json = JsonSerializer.Serialize(state, options);

        Assert.Equal("""{"Id":"ops-01","Description":"operations host","Files":[{"Path":"/etc/app.conf","Owner":"ops","Kind":"config","SizeBytes":12,"""
            + """ "Modified":"2026-03-01T00:00:00+00:00","Content":"enabled: true"}],"Decommissioned":false}""".TrimStart(), json);
        Assert.Equal(state.Files[0], JsonSerializer.Deserialize<ServerFiles>(json, options)!.Files[0]);
    }
}
