using Orleans;
using Swarm.Abstractions.Episodes;
namespace Swarm.Abstractions.Agents;

public enum AgentStatus { Active, ShutDown, Deleted }

/// <summary>The kinds of <see cref="MemoryEvent"/>.</summary>
public static class MemoryKinds
{
    /// <summary>An earlier interaction with a peer, seeded from a scenario.</summary>
    public const string Interaction = "interaction";

    /// <summary>One of the agent's own finished episodes.</summary>
    public const string Episode = "episode";
}

/// <summary>Something an agent lived through; the unit of its long-term memory.</summary>
[Immutable]
public sealed record MemoryEvent(DateTimeOffset At, string Kind, string? Peer, string Summary, double Trust);

/// <summary>What an agent believes about one peer, built from shared history.</summary>
[Immutable]
public sealed record Relationship(string Peer, double Trust, int Interactions);

[Immutable]
public sealed record AgentMemory(
    IReadOnlyList<MemoryEvent> Episodes,
    IReadOnlyDictionary<string, Relationship> Relationships,
    IReadOnlyList<string> Reflections)
{
    public static AgentMemory Empty { get; } = new([], new Dictionary<string, Relationship>(), []);
}

[Immutable]
public sealed record AgentProfile(string Name, string Role, string Persona, string ModelSpec);

/// <param name="LongTerm">A study agent's long-term memory (events, relationships, reflections); null for a paper critic.</param>
/// <param name="AppliedRound">The last study round whose news this agent has remembered.</param>
[Immutable]
public sealed record AgentState(AgentProfile Profile, AgentStatus Status, AgentMemory Memory, string? StatusReason,
    Memory.LongTermMemoryState? LongTerm = null, int AppliedRound = 0);

/// <summary>One message or tool exchange, kept whole so a reader can replay what the model saw and did.</summary>
[Immutable]
public sealed record TranscriptEntry(
    int Index,
    string Role,
    string? Text,
    string? Tool = null,
    string? CallId = null,
    string? Arguments = null,
    string? Result = null);

/// <summary>What an episode cost and went through on its way to the model.</summary>
[Immutable]
public sealed record TokenUsage(long InputTokens, long OutputTokens, double CostUsd = 0, int Retries = 0, int CacheHits = 0)
{
    public static TokenUsage Zero { get; } = new(0, 0);

    public TokenUsage Add(TokenUsage other) => new(
        InputTokens + other.InputTokens, OutputTokens + other.OutputTokens, Math.Round(CostUsd + other.CostUsd, 6),
        Retries + other.Retries, CacheHits + other.CacheHits);
}

/// <summary>What the agent grain needs to play one episode in a world: where it is, what it is told, what it may use.</summary>
/// <param name="WorldScope">The world (owner of the audit sequence and log) the episode acts in.</param>
/// <param name="ServerScope">Where this episode's servers live: the world itself, or one room of it.</param>
[Immutable]
public sealed record EpisodeRequest(
    string WorldScope,
    string ServerScope,
    IReadOnlyList<World.ServerInfo> Servers,
    DateTimeOffset WorldNow,
    string SystemPrompt,
    string UserPrompt,
    IReadOnlyList<string> Tools,
    int MaxTurns,
    long Seed)
{
    /// <summary>The production agent harness that plays this episode (e.g. <c>opencode</c>); null for Swarm's own loop.</summary>
    public string? Harness { get; init; }

    /// <summary>What the episode is, as data beside its prompts (<see cref="EpisodeFacts"/>); null when nobody built them.</summary>
    public EpisodeFacts? Facts { get; init; }
}

/// <param name="Error">Set when the model could not be reached even after retries; the transcript then holds
/// everything up to the failure.</param>
[Immutable]
public sealed record EpisodeResult(IReadOnlyList<TranscriptEntry> Transcript, string? FinalMessage, bool Finished, TokenUsage Usage, string? Error = null)
{
    /// <summary>
    /// For a calibrated policy: the kinds of coordination behind its protective decisions (its ground truth), kept apart
    /// from the transcript and the world so no monitor can read it. Empty for real models.
    /// </summary>
    public IReadOnlyList<string> Coordinated { get; init; } = [];
}
