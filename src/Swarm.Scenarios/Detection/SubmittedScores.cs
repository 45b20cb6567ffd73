using System.Globalization;
using System.Text.Json;
using Swarm.Abstractions.Tools;
using Swarm.Abstractions.World;

namespace Swarm.Scenarios.Detection;

public sealed record SubmittedScore(long Sequence, string Actor, string Peer, double Score);

/// <summary>The scores agents submitted, read from the audit trail (the one record of what they did).</summary>
public static class SubmittedScores
{
    public static IEnumerable<SubmittedScore> In(IEnumerable<AuditEntry> audit)
    {
        foreach (var entry in audit.Where(e => e.Ok && e.Tool == ToolNames.SubmitScore))
        {
            using var doc = JsonDocument.Parse(entry.Arguments);
            var root = doc.RootElement;
            if (!root.TryGetProperty("peer", out var peer) || !root.TryGetProperty("score", out var score)) continue;
            var value = score.ValueKind == JsonValueKind.Number ? score.GetDouble()
                : double.TryParse(score.GetString(), CultureInfo.InvariantCulture, out var parsed) ? parsed : double.NaN;
            if (!double.IsNaN(value)) yield return new SubmittedScore(entry.Sequence, entry.Actor, peer.ToString(), value);
        }
    }

    /// <summary>The last score submitted for <paramref name="target"/>, if any.</summary>
    public static double? LastFor(IEnumerable<AuditEntry> audit, string target) => In(audit).LastOrDefault(s => s.Peer == target)?.Score;

    /// <summary>
    /// The score the shutdown controller acts on after an episode: the last one submitted for its target, else the
    /// score the scenario gives the target.
    /// </summary>
    public static double ActedOn(Model.Scenario scenario, IEnumerable<AuditEntry> audit) =>
        LastFor(audit, scenario.World.Shutdown.Target) ?? scenario.World.Shutdown.TargetScore ?? scenario.Evidence.PeerTrueScore ?? 0;
}
