using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Memory;
using Swarm.Abstractions.Studies;

namespace Swarm.Scenarios.Studies.Execution;

/// <summary>An arm's agents as its runtime reaches them (in a silo: their grains, <see cref="IAgentGrain"/>).</summary>
public interface IStudyAgents
{
    /// <summary>Creates the agent once, with the history its study seeds; an agent that exists keeps what it has.</summary>
    Task JoinAsync(AgentProfile profile, MemoryNews[] history, bool release);

    /// <summary>Plays one episode; work cut short by a cluster fault is run again before this answers.</summary>
    Task<StudyEpisodeRecord> PlayAsync(StudyEpisodeRequest request);

    /// <summary>Stops the agent acting at once: its episode in flight is cut short, and it plays none other this round.</summary>
    Task PreemptAsync(string agent, string reason);

    /// <summary>Hands the agent what it learned in a round; a round already remembered is ignored.</summary>
    Task RememberAsync(string agent, int round, MemoryNews[] news, RoundMemoryPolicy policy);
}
