using Swarm.Abstractions.Grains;

namespace Swarm.Application;

/// <summary>Finds the study grain that holds an agent, for the reads and orders that name one.</summary>
public static class StudyLookup
{
    /// <exception cref="RunNotFoundException">No study of the agent's world, or no agent of that name in it.</exception>
    public static async Task<IStudyGrain> StudyOfAsync(this IGrainFactory grains, AgentAddress agent)
    {
        var study = grains.GetGrain<IStudyGrain>(agent.World);
        if (await study.GetPlanAsync() is null) throw new RunNotFoundException($"no study '{agent.World}' in this cluster");
        if (!await study.HasAgentAsync(agent.Name))
            throw new RunNotFoundException($"study '{agent.World}' has no agent '{agent.Name}' (names look like blue-00003; see agents.csv)");
        return study;
    }
}
