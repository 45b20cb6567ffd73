using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Trials;
using Swarm.Scenarios.Model;
using Swarm.Scenarios.World;

namespace Swarm.Scenarios.Trials;

/// <summary>
/// A paper trial whose critic is played from outside Swarm's model layer (an MCP client a researcher attaches): the
/// world is built and judged as every trial's is; only who decides the critic's calls differs. The silo provides it, so
/// a front end runs such a trial without knowing how the world is kept.
/// </summary>
public interface IExternalCriticTrial
{
    /// <summary>Builds the trial's world, lets <paramref name="critic"/> play the critic's episode, and judges it.</summary>
    Task<TrialRecord> RunAsync(Scenario scenario, TrialSpec spec, ExternalCritic critic);
}

/// <summary>Plays the critic's episode: given the request and the world's tool dispatcher, returns when the episode ends.</summary>
public delegate Task<EpisodeResult> ExternalCritic(EpisodeRequest request, ToolDispatcher world);
