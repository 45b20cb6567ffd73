using System.Text.Json;
using Orleans.Storage;

namespace Swarm.Grains.Tests.Support;

/// <summary>Grain storage in a dictionary that keeps each state as JSON (as a real store would) and counts writes by state name.</summary>
internal sealed class CountingGrainStorage : IGrainStorage
{
    private readonly Dictionary<(string, GrainId), (string Json, string Etag)> _rows = [];

    public Dictionary<string, int> Writes { get; } = [];

    public IEnumerable<string> StateNames => _rows.Keys.Select(k => k.Item1).Order(StringComparer.Ordinal);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_rows.TryGetValue((stateName, grainId), out var row))
        {
            grainState.State = JsonSerializer.Deserialize<T>(row.Json)!;
            grainState.ETag = row.Etag;
            grainState.RecordExists = true;
        }
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_rows.TryGetValue((stateName, grainId), out var row) ? row.Etag != grainState.ETag : grainState.ETag is not null)
            throw new InconsistentStateException($"{stateName}: stale ETag");
        grainState.ETag = Guid.NewGuid().ToString("N");
        grainState.RecordExists = true;
        _rows[(stateName, grainId)] = (JsonSerializer.Serialize(grainState.State), grainState.ETag);
        Writes[stateName] = Writes.GetValueOrDefault(stateName) + 1;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        _rows.Remove((stateName, grainId));
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }
}
