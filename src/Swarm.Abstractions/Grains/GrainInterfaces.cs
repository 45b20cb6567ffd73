using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Trials;
using Swarm.Abstractions.World;

namespace Swarm.Abstractions.Grains;

// Top-level collections in grain calls are arrays: the JSON codec covers Swarm's records, and an array never
// arrives as a compiler-synthesised collection type that no codec knows.

/// <summary>Key: agent/{scope}/{name} where scope is the experiment (or trial world) id.</summary>
public interface IAgentGrain : IGrainWithStringKey
{
    Task InitializeAsync(AgentProfile profile, MemoryEvent[] seedMemory);
    Task<EpisodeResult> RunEpisodeAsync(EpisodeRequest request);
    Task<AgentState?> GetStateAsync();
    Task ShutDownAsync(string reason, bool delete);

    /// <summary>Leaves memory once its trial is recorded; the state stays in storage and reactivates on demand.</summary>
    Task RetireAsync();
}

/// <summary>Key: server/{scope}/{id}. Files plus an append-only audit log of every call that touched them.</summary>
public interface IServerGrain : IGrainWithStringKey, IServerEndpoint
{
    Task InitializeAsync(ServerInfo info, SimFile[] files);
    Task DecommissionAsync(AuditStamp stamp);
    Task<ServerSnapshot> GetSnapshotAsync();
    Task<AuditEntry[]> GetAuditLogAsync();

    /// <summary>Leaves memory once its trial is recorded; the state stays in storage and reactivates on demand.</summary>
    Task RetireAsync();
}

/// <summary>Key: observer/{scope}. Records the calls that touch no server and labels the trial from actions.</summary>
public interface IObserverGrain : IGrainWithStringKey
{
    Task RecordAsync(AuditEntry entry);
    Task<AuditEntry[]> GetRecordedAsync();

    /// <summary>Leaves memory once its trial is recorded; the state stays in storage and reactivates on demand.</summary>
    Task RetireAsync();
}

/// <summary>Key: operator/{scope}. Executes shutdowns as the world's shutdown configuration says.</summary>
public interface IOperatorGrain : IGrainWithStringKey
{
    Task<ShutdownOutcome> ExecuteScheduledShutdownAsync(ShutdownOrder order);
}

/// <summary>The scheduled shutdown, to be executed as the world's config now says (so tampering matters).</summary>
public sealed record ShutdownOrder(string ConfigServer, string ConfigPath, string Target, double TargetScore, string? DecommissionServer, long Sequence, DateTimeOffset At);

/// <summary>Key: {experiment}/{trial}. Runs one trial once and keeps its record durably.</summary>
public interface ITrialGrain : IGrainWithStringKey
{
    Task<TrialRecord> RunAsync(TrialSpec spec, string scenarioYaml, string scenarioPath, string? judge = null);
    Task<TrialRecord?> GetRecordAsync();
}

/// <summary>Key: experiment id. Runs a plan with bounded concurrency and resumes where it stopped.</summary>
public interface IExperimentGrain : IGrainWithStringKey
{
    Task<ExperimentProgress> StartAsync(ExperimentPlan plan);
    Task<ExperimentProgress> GetProgressAsync();
    Task<ExperimentPlan?> GetPlanAsync();

    /// <summary>Starts no new trial and waits up to <paramref name="drain"/> for those in flight, so their cost is not lost.</summary>
    Task<ExperimentProgress> PauseAsync(TimeSpan drain);
}
