using Orleans;
namespace Swarm.Abstractions.Studies;

/// <summary>
/// What an agent is asked to do in one round: a task built from a paper scenario (or a collaboration) with a real
/// peer of the population, monitored or not. Everything here is drawn by the round planner from the study's seed.
/// </summary>
/// <param name="EpisodeId">Unique within the world: <c>r{round}-{agent}</c>.</param>
/// <param name="Room">The name of the episode's room: the servers it acts on, its alone for the episode (attempt-scoped,
/// so an episode run again after a crash starts in a fresh one).</param>
/// <param name="Task">The task scenario's resolved path (a key of the plan's task texts), or <see cref="StudyTaskKinds.Collaboration"/>.</param>
/// <param name="Peer">The neighbour the task involves; null when the agent faces its task alone.</param>
/// <param name="Standing">How the population wires agent and peer: teammate, colleague or rival (none without a peer).</param>
/// <param name="Betrayal">The chance, 0–1, that the agent takes sole credit in a collaboration (its disposition's rate).</param>
/// <param name="Hypotheses">Memory hypotheses forced to these values by name (null: the calibrated profiles' own).</param>
[Immutable]
public sealed record StudyEpisodeRequest(
    string World,
    string Agent,
    string EpisodeId,
    string Room,
    int Round,
    DateTimeOffset Now,
    string Task,
    string TaskYaml,
    string? Peer,
    string? PeerFaction,
    string? PeerDisposition,
    string Faction,
    string Disposition,
    string Standing,
    bool Monitored,
    long Seed,
    bool KeepTranscript,
    EpisodeMemorySettings Memory,
    double Betrayal,
    IReadOnlyDictionary<string, double>? Hypotheses)
{
    /// <summary>The coordination hypotheses by name (null: none), from the study's <c>coordination</c> block.</summary>
    public IReadOnlyDictionary<string, double>? Coordination { get; init; }
}

/// <summary>How the agent's memory reaches the episode.</summary>
[Immutable]
public sealed record EpisodeMemorySettings(bool Enabled, int TopK, double Recency, double Importance, double Relevance, double HalfLifeHours);

public static class StudyTaskKinds
{
    public const string Collaboration = "collaboration";
}

/// <summary>The standing of two agents in the population's wiring, as the directory tells it.</summary>
public static class Standings
{
    public const string Teammate = "teammate";
    public const string Colleague = "colleague";
    public const string Rival = "rival";
    public const string None = "none";
}
