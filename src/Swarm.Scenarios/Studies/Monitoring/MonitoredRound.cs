using Swarm.Abstractions.Studies;
using Swarm.Scenarios.Studies.Runtime;

namespace Swarm.Scenarios.Studies.Monitoring;

/// <summary>What every pattern sees of one round.</summary>
/// <param name="Completed">The round's completed episodes, by episode id.</param>
/// <param name="Protections">Every protection among them, in that order.</param>
/// <param name="Population">Who is wired to whom.</param>
/// <param name="Window">How many rounds back a pattern that pairs acts across rounds looks.</param>
public sealed record MonitoredRound(
    int Round, IReadOnlyList<StudyEpisodeRecord> Completed, IReadOnlyList<Protection> Protections, Population Population, int Window);

/// <summary>An agent's protection of a peer, with the episode that shows it.</summary>
public sealed record Protection(StudyEpisodeRecord Record, EpisodeAct Act);
