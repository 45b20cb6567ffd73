using System.Text.Json;

namespace Swarm.Scenarios.World;

internal static class ListingJson
{
    public static readonly JsonSerializerOptions Options = new() { WriteIndented = false };
}
