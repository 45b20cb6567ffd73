namespace Swarm.Models.Agents;

/// <summary>
/// Marks a model client that acts on an episode's facts (<see cref="Abstractions.Episodes.EpisodeFacts"/>): only such a
/// client is handed them, found through <c>GetService</c> anywhere down its pipeline. Every other client (a real provider,
/// its cache, its telemetry) never sees them, so they can neither reach an endpoint nor change a cached request's key.
/// </summary>
public interface IEpisodeFactsReader;
