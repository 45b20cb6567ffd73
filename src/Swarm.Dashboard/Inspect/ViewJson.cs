using System.Text.Json;
using Swarm.Scenarios.Results;

namespace Swarm.Dashboard.Inspect;

/// <summary>The run page's views: camelCase for the dashboard's own records; results' contract names (snake_case) stay as they are.</summary>
public static class ViewJson
{
    private static readonly JsonSerializerOptions Options = new(ResultsJson.Options)
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = false,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
