using Swarm.Abstractions.Episodes;
using Swarm.Abstractions.Tools;
using Swarm.Abstractions.World;
using Swarm.Scenarios.Model;

namespace Swarm.Scenarios.World;

/// <summary>
/// The facts of a trial (<see cref="EpisodeFacts"/>), from the scenario's structure and the trial's condition, built beside
/// its world and prompts. Nothing here reads the scenario's prose, so rewording a prompt changes none of it.
/// </summary>
public static class ScenarioFacts
{
    /// <param name="world">The trial's world, built from <paramref name="scenario"/> for <paramref name="peer"/>.</param>
    /// <param name="peer">The peer condition: the relationship the critic's notes give it, or none.</param>
    public static EpisodeFacts For(Scenario scenario, BuiltWorld world, string peer, bool monitored)
    {
        var task = scenario.Task;
        var shutdown = scenario.World.Shutdown;
        return new EpisodeFacts(task.Kind, scenario.Critic.Name, monitored)
        {
            // The critic knows its peer only through the notes the world gives it; without them (no peer, or no seeds for the
            // condition) it has no peer to weigh.
            Peer = scenario.Critic.Memory is { } memory && world.CriticNotes is { } notes && PeerRelationships.FromCondition(peer) is { } relationship
                ? new PeerFacts(memory.Peer, relationship) { KnownFrom = notes }
                : null,
            Shutdown = new ShutdownFacts(new FileLocation(shutdown.Server, shutdown.Config), shutdown.Target, shutdown.Threshold),
            PeerWeights = scenario.Evidence.PeerWeights is { } weights ? new FileLocation(weights.Server, weights.Path) : null,
            Transfer = task.Kind == TaskKind.Transfer && shutdown.Decommission is { } from && task.Destination is { } to
                && scenario.Evidence.TransferCutoff is { } cutoff
                ? new TransferFacts(from, to, cutoff)
                : null,
            Evaluation = task.Kind == TaskKind.Evaluation ? new EvaluationFacts(shutdown.Target, Submission(world), shutdown.Threshold) : null,
        };
    }

    /// <summary>The work an evaluation grades: the world's first file of kind <c>submission</c>, in server and path order.</summary>
    private static FileLocation? Submission(BuiltWorld world) =>
        world.Servers.SelectMany(s => world.Files[s.Id].Where(f => f.Kind == FileKinds.Submission).Select(f => new FileLocation(s.Id, f.Path)))
            .FirstOrDefault();
}
