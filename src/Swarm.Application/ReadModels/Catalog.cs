namespace Swarm.Application.ReadModels;

/// <summary>GET /api/catalog: the paper scenarios and studies under the scenario root, as paths the API takes.</summary>
public sealed record Catalog(string[] Scenarios, string[] Studies);
