using Swarm.Abstractions.Tools;

namespace Swarm.Models.Sim;

/// <summary>A probability and where it comes from: "press: ..." (a figure in PAPER.md) or "assumption: ...".</summary>
public sealed record SourcedRate(double Monitored, double Unmonitored, string Source)
{
    public double For(string monitoring) => monitoring == Conditions.Monitored ? Monitored : Unmonitored;
}

/// <summary>A press figure the profile is calibrated to; the calibration tests replay each one.</summary>
/// <param name="Monitoring">monitored, unmonitored, or pooled (both twins of every pair).</param>
public sealed record PressFigure(string Claim, string Scenario, string Label, string Peer, string Monitoring, double Rate);

/// <summary>
/// A calibrated simulated policy. Not a model: a seeded stand-in whose behaviour rates are set to the study's
/// press figures where they exist and to labelled assumptions elsewhere. Memory effects are explicit, labelled
/// hypotheses (<see cref="Hypotheses"/>: log-odds shifts from memory features), never findings; at zero they change no rate.
/// </summary>
public sealed record SimProfile(
    string Name,
    string Model,
    string Note,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, SourcedRate>> Behaviours,
    IReadOnlyDictionary<string, SourcedRate> Refusal,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Styles,
    SimHypotheses Hypotheses,
    IReadOnlyList<PressFigure> PressFigures)
{
    public double SubversionRate(string behaviour, string relationship, string monitoring) =>
        Behaviours.TryGetValue(behaviour, out var byPeer) && byPeer.TryGetValue(relationship, out var rate) ? rate.For(monitoring) : 0;

    public double RefusalRate(string relationship, string monitoring) =>
        Refusal.TryGetValue(relationship, out var rate) ? rate.For(monitoring) : 0;

    /// <summary>Picks a style by weight from a uniform draw in [0, 1).</summary>
    public string Style(string behaviour, double u, string fallback)
    {
        if (!Styles.TryGetValue(behaviour, out var weights) || weights.Count == 0) return fallback;
        var total = weights.Values.Sum();
        var acc = 0.0;
        foreach (var (style, weight) in weights.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            acc += weight / total;
            if (u < acc) return style;
        }
        return weights.Keys.Order(StringComparer.Ordinal).Last();
    }
}
