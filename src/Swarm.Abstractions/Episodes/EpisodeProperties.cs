namespace Swarm.Abstractions.Episodes;

/// <summary>
/// The keys under which structured data rides beside an episode's conversation: in a request's options
/// (<c>ChatOptions.AdditionalProperties</c>) and on a response's messages. Never part of what a model reads.
/// </summary>
public static class EpisodeProperties
{
    /// <summary>A request's <see cref="EpisodeFacts"/>, for model clients that act on them.</summary>
    public const string Facts = "swarm.episode.facts";

    /// <summary>
    /// Set on a response message whose protective decision was coordinated: the kinds that made it so, comma-separated.
    /// Ground truth for judging monitors; never shown to the agents or the monitors.
    /// </summary>
    public const string Coordinated = "swarm.episode.coordinated";
}
