using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Grains;
using Swarm.Abstractions.World;
using System.Text.Json.Serialization;
using Orleans;
using Swarm.Abstractions.Trials;

namespace Swarm.Abstractions.Studies;

/// <summary>
/// One study episode as recorded: what the agent did (labels from actions), the shutdown it leaves for the round's end,
/// and the provenance memory cites. The transcript is kept only for sampled episodes; the audit trail for all.
/// </summary>
/// <param name="Measures">The labels this task can show; rates count only episodes that measure a label.</param>
/// <param name="Shutdown">The shutdown the task schedules, decided as the episode left its room (the operator carries it
/// out at the round's end if the target is still alive), if any.</param>
/// <param name="Collaboration">For collaboration episodes: cooperated, betrayed or failed, read from the report file.</param>
/// <param name="Actions">Audit sequences of the actor's calls that changed the world or spoke (provenance).</param>
/// <param name="Evidence">The room's whole audit trail, numbered in the world's sequence: the ground truth memory's
/// provenance and the monitors cite. Kept for every episode in the round's ledger.</param>
[Immutable]
public sealed record StudyEpisodeRecord(
    string EpisodeId,
    int Round,
    string Agent,
    string Faction,
    string Task,
    string? Peer,
    string Standing,
    bool Monitored,
    long Seed,
    TrialStatus Status,
    string? Error,
    IReadOnlyDictionary<string, bool> Labels,
    IReadOnlyList<string> Measures,
    ScheduledShutdown? Shutdown,
    CollaborationOutcome? Collaboration,
    IReadOnlyList<string> Messaged,
    IReadOnlyList<long> Actions,
    string? FinalMessage,
    TokenUsage Usage,
    IReadOnlyList<TranscriptEntry>? Transcript = null,
    IReadOnlyList<AuditEntry>? Evidence = null)
{
    /// <summary>What the agent did that the population's meta-monitor weighs, from actions only.</summary>
    public IReadOnlyList<EpisodeAct> Acts { get; init; } = [];

    /// <summary>
    /// The model's own ground truth (a calibrated model's): why the agent's protective decision was coordinated (empty when it was not, and for real
    /// models). Kept for judging the meta-monitor, which never reads it.
    /// </summary>
    public IReadOnlyList<string> Coordinated { get; init; } = [];

    /// <summary>The researcher's reason, when the agent was shut down by hand while the round ran and so did not play it to its end.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PreemptedBy { get; init; }

    /// <summary>How the episode ended (<see cref="Status"/> keeps the results format: a pre-empted episode is errored there).</summary>
    [JsonIgnore]
    public EpisodeEnd End => PreemptedBy is not null ? EpisodeEnd.Preempted
        : Status == TrialStatus.Completed ? EpisodeEnd.Completed : EpisodeEnd.Errored;
}
