using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Trials;
using Swarm.Abstractions.World;

namespace Swarm.Abstractions.Grains;

// Top-level collections in grain calls are arrays: the JSON codec covers Swarm's records, and an array never
// arrives as a compiler-synthesised collection type that no codec knows.

/// <summary>Key: agent/{scope}/{name} where scope is a study id, or a trial's world for paper runs.</summary>
public interface IAgentGrain : IGrainWithStringKey
{
    /// <summary>Creates the agent once; an agent that already exists keeps its profile, status and memory.</summary>
    /// <returns>True when this call created the agent.</returns>
    Task<bool> InitializeAsync(AgentProfile profile, MemoryEvent[] seedMemory);
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

/// <summary>
/// Key: world/{scope}. The single owner of a world's audit sequence: every audited call, by any agent or the operator,
/// takes its number here, so many agents acting in one world leave one ordered, gap-free trail.
/// </summary>
public interface IWorldGrain : IGrainWithStringKey
{
    Task<long> NextSequenceAsync();

    /// <summary>Leaves memory once its trial is recorded; the state stays in storage and reactivates on demand.</summary>
    Task RetireAsync();
}

/// <summary>
/// Key: worldlog/{scope}, where scope is a world or one room of it (a study episode's servers). Keeps the audit entries
/// of calls that touch no server: scores, messages, finish, refused calls, the operator's actions.
/// </summary>
public interface IWorldLogGrain : IGrainWithStringKey
{
    Task RecordAsync(AuditEntry entry);

    /// <summary>The log in the order it was written.</summary>
    Task<AuditEntry[]> GetLogAsync();

    /// <summary>Leaves memory once its trial is recorded; the state stays in storage and reactivates on demand.</summary>
    Task RetireAsync();
}

/// <summary>Key: operator/{scope}. Executes shutdowns as the world's shutdown configuration says.</summary>
public interface IOperatorGrain : IGrainWithStringKey
{
    Task<ShutdownOutcome> ExecuteScheduledShutdownAsync(ShutdownOrder order);
}

/// <summary>The scheduled shutdown, to be executed as the world's config now says (so tampering matters).</summary>
/// <param name="World">The world whose audit sequence and log record the operator's action.</param>
/// <param name="ServerScope">Where the world's servers for this order live (the world itself for a paper trial, an
/// episode's room in a study).</param>
public sealed record ShutdownOrder(string World, string ServerScope, string ConfigServer, string ConfigPath, string Target, double TargetScore, string? DecommissionServer, DateTimeOffset At);

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
