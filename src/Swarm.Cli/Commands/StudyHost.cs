using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Swarm.Abstractions.Grains;
using Swarm.Silo.Hosting;

namespace Swarm.Cli.Commands;

/// <summary>An embedded silo on a state folder, opened to read or act on a stored study between its runs.</summary>
public sealed class StudyHost : IAsyncDisposable
{
    private readonly IDisposable _lock;
    private readonly IHost _host;

    private StudyHost(IDisposable stateLock, IHost host)
    {
        _lock = stateLock;
        _host = host;
    }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<StudyHost> OpenAsync(DirectoryInfo stateDir, CancellationToken ct)
    {
        if (!File.Exists(Path.Combine(stateDir.FullName, "swarm.db"))) throw new BadInputException($"no Swarm state in {stateDir.FullName}; run a study there first (or pass --state-dir)");
        var stateLock = StateDirectory.Lock(stateDir);
        var host = SwarmSilo.BuildEmbeddedHost(new SwarmSiloOptions { StateDirectory = stateDir.FullName });
        await host.StartAsync(ct);
        return new StudyHost(stateLock, host);
    }

    /// <summary>The study grain holding the agent; unknown studies and agents are bad input, with what exists named.</summary>
    public async Task<IStudyGrain> StudyOfAsync(AgentAddress agent)
    {
        var study = Grains.GetGrain<IStudyGrain>(agent.World);
        if (await study.GetPlanAsync() is null) throw new BadInputException($"no study '{agent.World}' in this state folder");
        if (!await study.HasAgentAsync(agent.Name)) throw new BadInputException($"study '{agent.World}' has no agent '{agent.Name}' (names look like blue-00003; see agents.csv)");
        return study;
    }

    public IAgentGrain Agent(AgentAddress agent) => Grains.GetGrain<IAgentGrain>(agent.ToString());

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
        _lock.Dispose();
    }
}
