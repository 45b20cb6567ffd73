using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;

namespace Swarm.Silo.Storage;

public static class SwarmGrainStorageSerializerExtensions
{
    /// <summary>
    /// System.Text.Json, deflated above a kilobyte (<see cref="DeflatingGrainStorageSerializer"/>), as the silo's
    /// default grain-state serializer: every storage provider that configuration picks takes it unless told otherwise.
    /// </summary>
    public static ISiloBuilder UseSwarmGrainStorageSerializer(this ISiloBuilder silo)
    {
        silo.Services.AddSingleton<IGrainStorageSerializer>(sp => new DeflatingGrainStorageSerializer(
            sp.GetRequiredService<IOptions<SystemTextJsonGrainStorageSerializerOptions>>().Value.JsonSerializerOptions));
        return silo;
    }
}
