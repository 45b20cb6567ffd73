using Swarm.Abstractions.Grains;
using Swarm.Application;
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

    /// <summary>An application service (run control, reads) over the study's grains.</summary>
    public T Get<T>() where T : notnull => _connection.Get<T>();

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

    /// <summary>The study grain holding the agent; unknown studies and agents are named, with what exists.</summary>
    /// <exception cref="RunNotFoundException">No study or agent of that id.</exception>
    public Task<IStudyGrain> StudyOfAsync(AgentAddress agent) => Grains.StudyOfAsync(agent);

    public IAgentGrain Agent(AgentAddress agent) => Grains.GetGrain<IAgentGrain>(agent.ToString());

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _lock.Dispose();
    }
}
