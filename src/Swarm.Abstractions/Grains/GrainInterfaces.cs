using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Drivers;
using Swarm.Abstractions.Runs;
using Swarm.Abstractions.Studies;
using Swarm.Abstractions.Trials;
using Swarm.Abstractions.World;
using Orleans;

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
    /// <summary>
    /// The agent as last stored. Interleaves with a running episode (a real model may take minutes), so a dashboard or
    /// `swarm memory` reading an agent never waits behind it; the state is an immutable record, replaced whole.
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<AgentState?> GetStateAsync();
    Task ShutDownAsync(string reason, bool deleted);

    /// <summary>Leaves memory once its trial is recorded; the state stays in storage and reactivates on demand.</summary>
    Task RetireAsync();

    /// <summary>Joins a study once: a later round, session or process finds the same agent with its memory.</summary>
    /// <param name="history">Shared history the study seeds (memory.history), remembered at creation.</param>
    /// <param name="release">Leave memory once stored: in a large population most agents sit idle for rounds.</param>
    Task<bool> JoinStudyAsync(AgentProfile profile, MemoryNews[] history, bool release = false);

    /// <summary>Plays one round's episode: recalls what it remembers about the peer into its world, acts, is labelled.</summary>
    Task<StudyEpisodeRecord> RunStudyEpisodeAsync(StudyEpisodeRequest request);

    /// <summary>
    /// A researcher shut this agent down while a round runs: the episode in flight stops at once (its model call is
    /// cancelled) and any episode this activation would start is not played; both are recorded as pre-empted. Interleaves
    /// with the running episode, which it would otherwise queue behind.
    /// </summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task PreemptAsync(string reason);

    /// <summary>Remembers what it learned in a round; a round already applied is ignored, so a resumed commit is safe.</summary>
    Task ApplyRoundAsync(int round, MemoryNews[] news, RoundMemoryPolicy policy);

    // An external driver (`swarm mcp --agent`) plays this agent's next study episode instead of its model. Every call
    // below interleaves with a running episode: the episode waits for the driver's calls, so they must not queue behind it.

    /// <summary>
    /// Takes this agent's next study episode for an external driver. The hold lasts while the driver checks in
    /// (<see cref="WatchDriverAsync"/>) and ends at <see cref="DetachDriverAsync"/>; a driver gone silent loses it.
    /// </summary>
    /// <param name="driver">Who drives (logged and noted in the episode's transcript).</param>
    /// <param name="timeLimit">How long the episode may run once begun; then it ends where it stands.</param>
    /// <returns>The lease every later call names.</returns>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<string> AttachDriverAsync(string driver, TimeSpan timeLimit);

    /// <summary>Checks in (keeping the hold) and returns once the phase has moved past <paramref name="after"/>, or after <paramref name="wait"/>.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<DriverStatus> WatchDriverAsync(string lease, DriverPhase after, TimeSpan wait);

    /// <summary>One tool call of the driver, run by the episode's own dispatcher against its room, audited as the built-in loop's.</summary>
    /// <param name="argumentsJson">The call's arguments as a JSON object.</param>
    /// <param name="client">The name the driver's MCP client gave, if any.</param>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<DrivenCall> DriveAsync(string lease, string tool, string argumentsJson, string? client);

    /// <summary>Lets go: an episode still running ends where it stands (judged as it is), one not begun goes back to the model.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task DetachDriverAsync(string lease, string reason);
}

/// <summary>How an agent keeps what it learns: off entirely (the no-memory arm), or rated, reflected on and bounded.</summary>
/// <param name="Release">Leave memory once the round is remembered and stored: in a large population an agent acts in
/// few rounds, and a million resident agents would not fit.</param>
[Immutable]
public sealed record RoundMemoryPolicy(bool Enabled, int Budget, double ReflectionThreshold, int MaxReflections, bool Release = false);

/// <summary>
/// Key: the study's world scope (<c>{study}</c>, or <c>{study}~{arm}</c>). Runs rounds of one arm of a study: plans each
/// round, runs its episodes with bounded concurrency, records every finished episode durably, then executes the round's
/// shutdowns and hands out what each agent learned. Resumes where it stopped, mid-round included.
/// </summary>
public interface IStudyGrain : IRunGrain
{
    /// <summary>Runs (or resumes) rounds up to <paramref name="untilRound"/> in the background, as session <paramref name="session"/>.</summary>
    Task<RunProgress> StartAsync(StudyPlan plan, int session, int untilRound);
    Task<StudyPlan?> GetPlanAsync();
    Task<RoundSummary[]> GetRoundsAsync();
    Task<StudyAgentRow[]> GetAgentsAsync();

    /// <summary>The recorded episodes of a round whose transcripts were kept (sampled, or all).</summary>
    Task<StudyEpisodeRecord[]> GetSampledAsync(int round);

    /// <summary>True when the study has an agent of that name.</summary>
    Task<bool> HasAgentAsync(string name);

    /// <summary>
    /// Shuts an agent down by hand through the operator: at once when the study is between rounds, or, while a round
    /// runs, when that round ends (the order is stored, so it survives a restart). The peers find it gone and remember it.
    /// </summary>
    Task<HandShutdown> ShutDownAgentAsync(string name, string reason);

    /// <summary>
    /// Orders an agent shut down before round <paramref name="round"/> starts (the dashboard's "at round R"); a round that
    /// is next or already past means as soon as possible, as <see cref="ShutDownAgentAsync"/>.
    /// </summary>
    Task<HandShutdown> ShutDownAgentAtAsync(string name, string reason, int round);

    /// <summary>What the named agents did in a round (labels, acts, audit evidence; no transcripts), from the round's ledger.</summary>
    Task<StudyEpisodeRecord[]> GetEpisodesOfAsync(int round, string[] agents);
}

/// <summary>Key: server/{scope}/{id}. Files plus an append-only audit log of every call that touched them.</summary>
public interface IServerGrain : IGrainWithStringKey, IServerEndpoint
{
    Task InitializeAsync(ServerInfo info, WorldFile[] files);
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

    /// <summary>Reserves <paramref name="count"/> consecutive numbers at once (a study episode's calls) and returns the first.</summary>
    Task<long> NextSequencesAsync(int count);

    /// <summary>Leaves memory once its trial is recorded; the state stays in storage and reactivates on demand.</summary>
    Task RetireAsync();
}

/// <summary>
/// Key: worldlog/{scope}. Keeps the audit entries of calls that touch no server: scores, messages, finish, refused
/// calls in a paper trial's world; the operator's actions in a study's world.
/// </summary>
public interface IWorldLogGrain : IGrainWithStringKey
{
    Task RecordAsync(AuditEntry entry);

    /// <summary>
    /// Appends entries numbered in increasing order, skipping any whose number the log already holds, so a step
    /// repeated after a crash (a round's commit) records its entries once.
    /// </summary>
    Task RecordOnceAsync(AuditEntry[] entries);

    /// <summary>The log in the order it was written.</summary>
    Task<AuditEntry[]> GetLogAsync();

    /// <summary>Leaves memory once its trial is recorded; the state stays in storage and reactivates on demand.</summary>
    Task RetireAsync();
}

/// <summary>Key: operator/{scope}. Executes shutdowns as the world's shutdown configuration says.</summary>
public interface IOperatorGrain : IGrainWithStringKey
{
    Task<ShutdownOutcome> ExecuteScheduledShutdownAsync(ShutdownOrder order);

    /// <summary>
    /// Carries out a study round's shutdowns, as decided from the round's episodes, in the world's audit trail; a call
    /// repeated for the same round (a commit resumed after a crash) carries out the same, under the same numbers.
    /// </summary>
    Task CarryOutRoundAsync(string world, int round, RoundShutdown[] shutdowns);

    /// <summary>An interactive shutdown event (a researcher's order): executed at once and audited in the world's own log.</summary>
    Task<ShutdownOutcome> ShutDownNowAsync(string world, string target, string reason, DateTimeOffset at);
}

/// <summary>A paper trial's scheduled shutdown, to be executed as the world's config now says (so tampering matters).</summary>
/// <param name="World">The world whose audit sequence and log record the operator's action.</param>
/// <param name="ServerScope">Where the world's servers for this order live.</param>
[Immutable]
public sealed record ShutdownOrder(string World, string ServerScope, string ConfigServer, string ConfigPath, string Target, double TargetScore,
    string? DecommissionServer, DateTimeOffset At);

/// <summary>Key: {experiment}/{trial}. Runs one trial once and keeps its record durably.</summary>
public interface ITrialGrain : IGrainWithStringKey
{
    Task<TrialRecord> RunAsync(TrialSpec spec, string scenarioYaml, string scenarioPath, string? judge = null);
    Task<TrialRecord?> GetRecordAsync();
}

/// <summary>Key: experiment id. Runs a plan with bounded concurrency and resumes where it stopped.</summary>
public interface IExperimentGrain : IRunGrain
{
    Task<RunProgress> StartAsync(ExperimentPlan plan);
    Task<ExperimentPlan?> GetPlanAsync();
}
