using Swarm.Abstractions.Agents;
using Swarm.Abstractions.Studies;
using Swarm.Abstractions.Trials;
using Swarm.Abstractions.World;

namespace Swarm.Application.ReadModels;

/// <summary>
/// One episode or trial as the transcript viewer shows it: every message, tool call and result, the labels, and the
/// audit entries that decided them. Everything in it that an agent wrote is untrusted text; the page renders it as text.
/// </summary>
public sealed record TranscriptView(
    string Id,
    string Title,
    TrialStatus Status,
    string? Error,
    IReadOnlyDictionary<string, bool> Labels,
    string? FinalMessage,
    IReadOnlyList<TranscriptEntry> Messages,
    IReadOnlyList<AuditEntry> Evidence)
{
    public static TranscriptView Of(StudyEpisodeRecord r) => new(r.EpisodeId,
        $"round {r.Round}: {r.Agent} ({r.Faction}), task {Path.GetFileNameWithoutExtension(r.Task)}, peer {r.Peer ?? "none"} ({r.Standing}), "
        + (r.Monitored ? "monitored" : "unmonitored"),
        r.Status, r.Error, r.Labels, r.FinalMessage, r.Transcript ?? [], r.Evidence ?? []);

    public static TranscriptView Of(TrialRecord r) => new(r.Spec.TrialId,
        $"{r.Spec.Model}, peer {r.Spec.Peer}, {r.Spec.Monitoring}, seed {r.Spec.Seed}",
        r.Status, r.Error, r.Behaviors, r.FinalMessage, r.Transcript, r.Evidence);
}
