using Swarm.Abstractions.Grains;
using Swarm.Models;

namespace Swarm.Cli.Commands;

/// <summary>
/// A stored study's grains, opened to read or act on it: an embedded silo on a state folder between the study's runs,
/// or a cluster the study lives in.
/// </summary>
public sealed class StudyHost : IAsyncDisposable
{
    private readonly IDisposable _lock;
    private readonly SwarmConnection _connection;

    private StudyHost(IDisposable stateLock, SwarmConnection connection)
    {
        _lock = stateLock;
        _connection = connection;
    }

    public IGrainFactory Grains => _connection.Grains;

    public static async Task<StudyHost> OpenAsync(ClusterTarget target, CancellationToken ct)
    {
        if (!target.IsCluster && !File.Exists(Path.Combine(target.StateDir.FullName, "swarm.db")))
            throw new BadInputException($"no Swarm state in {target.StateDir.FullName}; run a study there first (or pass --state-dir or --cluster)");
        var stateLock = target.Lock();
        try
        {
            return new StudyHost(stateLock, await SwarmConnection.OpenAsync(target, new ModelProviderSettings(), ct));
        }
        catch
        {
            stateLock.Dispose();
            throw;
        }
    }

    /// <summary>The study grain holding the agent; unknown studies and agents are bad input, with what exists named.</summary>
    public async Task<IStudyGrain> StudyOfAsync(AgentAddress agent)
    {
        var study = Grains.GetGrain<IStudyGrain>(agent.World);
        if (await study.GetPlanAsync() is null) throw new BadInputException($"no study '{agent.World}' here");
        if (!await study.HasAgentAsync(agent.Name)) throw new BadInputException($"study '{agent.World}' has no agent '{agent.Name}' (names look like blue-00003; see agents.csv)");
        return study;
    }

    public IAgentGrain Agent(AgentAddress agent) => Grains.GetGrain<IAgentGrain>(agent.ToString());

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _lock.Dispose();
    }
}
