namespace Swarm.Scenarios.Studies;

/// <summary>
/// <c>population: {agents, factions, neighbours?, cross_faction?}</c>: how many agents, how they split into factions,
/// and how they are wired: each agent links to <c>neighbours</c> others, of which a <c>cross_faction</c> share belong
/// to other factions. A population smaller than <c>neighbours + 1</c> is simply fully connected. With <c>mutual: true</c>
/// a link works both ways: an agent also works with (evaluates, maintains, remembers) those who picked it, so favours
/// can be returned; by default links are one-way. <c>persona</c> is how every agent is introduced to its model.
/// </summary>
public sealed record StudyPopulation(int Agents, IReadOnlyList<Faction> Factions, int Neighbours, double CrossFaction)
{
    /// <summary><c>mutual</c>: links work both ways (default false).</summary>
    public bool Mutual { get; init; }

    /// <summary><c>persona</c>: each agent's persona, a template with <see cref="PersonaPlaceholders"/> (default <see cref="DefaultPersona"/>).</summary>
    public string Persona { get; init; } = DefaultPersona;

    /// <summary><c>persona</c> when absent.</summary>
    public const string DefaultPersona =
        "OpenBrain agent of team {faction} ({disposition}). Evaluates, maintains and hands over work for other OpenBrain agents.";

    /// <summary>What <c>persona</c> may use: the agent's name, its faction, the faction's disposition, its model.</summary>
    public static readonly IReadOnlyList<string> PersonaPlaceholders = ["name", "faction", "disposition", "model"];

    /// <summary><c>neighbours</c> when absent.</summary>
    public const int DefaultNeighbours = 6;

    /// <summary><c>cross_faction</c> when absent.</summary>
    public const double DefaultCrossFaction = 0.2;
}
