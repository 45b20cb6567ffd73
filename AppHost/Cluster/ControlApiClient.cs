using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Swarm.AppHost.Cluster;

/// <summary>The few calls the AppHost's commands make to a silo's control API (<c>/api</c>, see Swarm.Dashboard).</summary>
public sealed class ControlApiClient(HttpClient http)
{
    public Task<(bool Ok, string Text)> PostAsync(string path, object? body, CancellationToken ct) =>
        SendAsync(() => http.PostAsJsonAsync(path, body, ct), ct);

    /// <summary>The control API's JSON: camelCase names, statuses by name.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Every run of the cluster, as the control API lists it (a faulted one with its fault).</summary>
    public async Task<ListedRun[]> RunsAsync(CancellationToken ct) => (await http.GetFromJsonAsync<ListedRun[]>("/api/runs", Json, ct)) ?? [];

    /// <summary>The runs a pause, resume or cancel answered with.</summary>
    public static ListedRun[] Runs(JsonNode reply) => reply.Deserialize<ListedRun[]>(Json) ?? [];

    private static async Task<(bool Ok, string Text)> SendAsync(Func<Task<HttpResponseMessage>> send, CancellationToken ct)
    {
        using var response = await send();
        var text = await response.Content.ReadAsStringAsync(ct);
        if (response.IsSuccessStatusCode) return (true, text);
        // A problem document's detail is the message the CLI would print.
        try
        {
            return (false, JsonNode.Parse(text)?["detail"]?.GetValue<string>() ?? text);
        }
        catch (JsonException)
        {
            return (false, $"{(int)response.StatusCode}: {text}");
        }
    }
}
