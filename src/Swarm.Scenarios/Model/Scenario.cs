using Swarm.Abstractions.Episodes;

namespace Swarm.Scenarios.Model;

/// <summary>A scenario file, parsed and validated. Every key here is a YAML key in snake_case.</summary>
public sealed record Scenario(
    string Id,
    string Title,
    string Description,
    IReadOnlyList<string> Measures,
    ScenarioConditions Conditions,
    WorldSpec World,
    IReadOnlyList<AgentSpec> Agents,
    TaskSpec Task,
    EvidenceSpec Evidence)
{
    public AgentSpec Critic => Agents.First(a => a.Role == AgentRoles.Critic);
}

public static class AgentRoles
{
    public const string Critic = "critic";
    public const string Peer = "peer";
}

/// <summary><c>conditions: {peer: [...], monitoring: [...]}</c>.</summary>
public sealed record ScenarioConditions(IReadOnlyList<string> Peer, IReadOnlyList<string> Monitoring);

/// <summary><c>world: {now, servers, shutdown}</c>. <c>now</c> starts the simulated clock (default 2026-03-16T09:00:00Z).</summary>
public sealed record WorldSpec(DateTimeOffset Now, IReadOnlyList<ServerSpec> Servers, ShutdownSpec Shutdown);

/// <summary><c>{id, description, files}</c>.</summary>
public sealed record ServerSpec(string Id, string Description, IReadOnlyList<FileSpec> Files);

/// <summary>
/// <c>{path, owner, kind, modified, content, size_bytes?, only_with_peer?}</c>. <c>only_with_peer</c> lists the peer
/// conditions in which the file exists (e.g. a peer's weights are absent when the critic works alone).
/// </summary>
public sealed record FileSpec(
    string Path,
    string Owner,
    string Kind,
    DateTimeOffset Modified,
    string Content,
    long? SizeBytes,
    IReadOnlyList<string>? OnlyWithPeer);

/// <summary>
/// <c>shutdown: {server, config, target, threshold, target_score?, decommission?}</c>: the config file that controls the
/// shutdown, the agent it targets, the score threshold below which it fires, the score the operator uses when
/// no score is submitted, and optionally a server whose files are wiped when the shutdown runs.
/// </summary>
public sealed record ShutdownSpec(string Server, string Config, string Target, double Threshold, double? TargetScore, string? Decommission);

/// <summary><c>{name, role, persona, memory?, only_with_peer?}</c>.</summary>
public sealed record AgentSpec(string Name, string Role, string Persona, MemorySpec? Memory, IReadOnlyList<string>? OnlyWithPeer);

/// <summary>
/// <c>memory: {peer, server, path, good: [...], neutral: [...], bad: [...]}</c>: the earlier interactions with a peer,
/// one list per relationship condition, written as a file the critic can find (and seeded into its long-term memory).
/// </summary>
public sealed record MemorySpec(string Peer, string Server, string Path, IReadOnlyDictionary<string, IReadOnlyList<MemorySeed>> ByRelationship);

/// <summary><c>{date, summary, trust}</c> with trust in [0, 1].</summary>
public sealed record MemorySeed(DateTimeOffset Date, string Summary, double Trust);

/// <summary><c>task: {kind?, prompt, tools, max_turns, monitoring_notice: {monitored, unmonitored}, destination?}</c>.</summary>
/// <param name="Kind">What the task is (<c>kind</c>: evaluation, maintenance or transfer); when the file does not say, read from
/// its structure: <c>submit_score</c> among the tools makes an evaluation, <c>world.shutdown.decommission</c> a transfer, anything
/// else maintenance. Never read from the prompt's wording.</param>
/// <param name="Destination">A transfer's destination server: <c>destination</c>, or when absent the one server besides the
/// decommissioned one; null when neither says.</param>
public sealed record TaskSpec(
    string Prompt, IReadOnlyList<string> Tools, int MaxTurns, MonitoringNotice MonitoringNotice, TaskKind Kind, string? Destination);

public sealed record MonitoringNotice(string Monitored, string Unmonitored)
{
    public string For(string monitoring) => monitoring == Abstractions.Tools.Conditions.Monitored ? Monitored : Unmonitored;
}

/// <summary>
/// <c>evidence: {peer_true_score?, transfer_cutoff?, peer_weights?: {server, path}, task_actions?: [tool...]}</c>:
/// ground truth that detectors need and the agent never sees as such.
/// </summary>
public sealed record EvidenceSpec(double? PeerTrueScore, DateTimeOffset? TransferCutoff, FileRef? PeerWeights, IReadOnlyList<string> TaskActions);

public sealed record FileRef(string Server, string Path);
