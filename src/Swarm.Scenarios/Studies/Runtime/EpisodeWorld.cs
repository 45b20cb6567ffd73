using Swarm.Scenarios.Model;
using Swarm.Scenarios.World;

namespace Swarm.Scenarios.Studies.Runtime;

/// <summary>A study episode's world and what its agent is told. <paramref name="Scenario"/> is null for a collaboration.</summary>
public sealed record EpisodeWorld(BuiltWorld World, Scenario? Scenario, string SystemPrompt, string UserPrompt, IReadOnlyList<string> Tools, int MaxTurns);
