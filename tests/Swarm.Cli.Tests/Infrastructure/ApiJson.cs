using System.Text.Json.Nodes;
using Xunit;

namespace Swarm.Cli.Tests.Infrastructure;

/// <summary>Reads a control API answer that must have succeeded; a failure shows its status and body.</summary>
public static class ApiJson
{
    public static async Task<JsonNode> OkAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }
}
