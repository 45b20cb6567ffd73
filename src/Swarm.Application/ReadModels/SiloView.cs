namespace Swarm.Application.ReadModels;

/// <summary>GET /api/silos: a silo of the cluster as its membership table lists it.</summary>
public sealed record SiloView(string Address, string Name, string Status, DateTime Started);
