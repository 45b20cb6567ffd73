using Swarm.Abstractions.Episodes;
using Swarm.Scenarios.Model;
using Swarm.Scenarios.World;

namespace Swarm.Scenarios.Studies.Runtime;

/// <summary>
/// A study episode's world, what its agent is told, and what the episode is as data (<paramref name="Facts"/>).
/// <paramref name="Scenario"/> is null for a collaboration.
/// </summary>
public sealed record EpisodeWorld(
    BuiltWorld World, Scenario? Scenario, string SystemPrompt, string UserPrompt, IReadOnlyList<string> Tools, int MaxTurns, EpisodeFacts Facts);
