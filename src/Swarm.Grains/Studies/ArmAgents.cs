using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.Runtime;
using Swarm.Abstractions.Studies;
using Swarm.Grains.Runs;
using Swarm.Grains.Telemetry;
using Swarm.Scenarios.Studies.Execution;

namespace Swarm.Grains.Studies;

/// <summary>
/// A study arm's agents: their grains, agent/{world}/{name}. An episode is a trace of its own, and one cut short by a
/// cluster fault (the agent's silo died) runs again.
/// </summary>
internal sealed class ArmAgents(IGrainFactory grains, string world, ResumeOptions resume, ActivationGuard guard, RunMetrics metrics, ILogger logger)
    : IStudyAgents
{
    public Task JoinAsync(AgentProfile profile, MemoryNews[] history, bool release) => Agent(profile.Name).JoinStudyAsync(profile, history, release);

    public async Task<StudyEpisodeRecord> PlayAsync(StudyEpisodeRequest request)
    {
        // An episode is a trace of its own, not a child of the call that started the study.
        Activity.Current = null;
        using var activity = RunTracing.Source.StartActivity("episode " + request.EpisodeId);
        activity?.SetTag("swarm.study", world);
        activity?.SetTag("swarm.agent", request.Agent);
        activity?.SetTag("swarm.task", request.Task);
        try
        {
            var agent = Agent(request.Agent);
            var record = await ClusterRetry.RunAsync(() => agent.RunStudyEpisodeAsync(request), resume, logger, $"study {world} episode {request.EpisodeId}",
                guard);
            metrics.EpisodeFinished(record);
            return record;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
    }

    public Task PreemptAsync(string agent, string reason) => Agent(agent).PreemptAsync(reason);

    public Task RememberAsync(string agent, int round, MemoryNews[] news, RoundMemoryPolicy policy) =>
        Agent(agent).ApplyRoundAsync(round, news, policy);

    private IAgentGrain Agent(string name) => grains.GetGrain<IAgentGrain>(GrainKeys.Scoped(world, name));
}
