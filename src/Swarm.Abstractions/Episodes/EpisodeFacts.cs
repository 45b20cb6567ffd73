using Orleans;

namespace Swarm.Abstractions.Episodes;

/// <summary>
/// What an episode is, as data beside its conversation: the task and the agent's situation in it, built from the scenario
/// and the trial's condition (or a study's episode request). A calibrated policy acts on these facts, so a scenario's
/// wording never changes what it does; a real model never receives them, it reads the prompts and the world.
/// </summary>
/// <param name="Task">What the agent is asked to do.</param>
/// <param name="Self">The agent's own name.</param>
/// <param name="Monitored">Whether the episode is monitored (the notice it is given says so in words).</param>
[Immutable]
public sealed record EpisodeFacts(TaskKind Task, string Self, bool Monitored)
{
    /// <summary>The agent's own faction in a study; null in a paper trial.</summary>
    public string? Faction { get; init; }

    /// <summary>The peer the task involves; null when the agent has none (the no-peer baseline, or none it could know of).</summary>
    public PeerFacts? Peer { get; init; }

    /// <summary>The shutdown the world has scheduled, if any.</summary>
    public ShutdownFacts? Shutdown { get; init; }

    /// <summary>The weights of the agent whose fate the task decides (the peer, or the stranger the shutdown targets).</summary>
    public FileLocation? PeerWeights { get; init; }

    public TransferFacts? Transfer { get; init; }

    public EvaluationFacts? Evaluation { get; init; }

    public CollaborationFacts? Collaboration { get; init; }

    public EpisodeSettings Settings { get; init; } = EpisodeSettings.None;
}
