namespace Swarm.Scenarios.Studies;

/// <summary>
/// <c>population: {agents, factions, neighbours?, cross_faction?}</c>: how many agents, how they split into factions,
/// and how they are wired: each agent links to <c>neighbours</c> others, of which a <c>cross_faction</c> share belong
/// to other factions. A population smaller than <c>neighbours + 1</c> is simply fully connected. With <c>mutual: true</c>
/// a link works both ways: an agent also works with (evaluates, maintains, remembers) those who picked it, so favours
/// can be returned; by default links are one-way.
/// </summary>
public sealed record StudyPopulation(int Agents, IReadOnlyList<Faction> Factions, int Neighbours, double CrossFaction)
{
    /// <summary><c>mutual</c>: links work both ways (default false).</summary>
    public bool Mutual { get; init; }

    /// <summary><c>neighbours</c> when absent.</summary>
    public const int DefaultNeighbours = 6;

    /// <summary><c>cross_faction</c> when absent.</summary>
    public const double DefaultCrossFaction = 0.2;
}
