namespace Swarm.Abstractions.Models;

/// <summary>
/// A published figure a model is compared with (a press figure of PAPER.md), shown beside the rate a run measured in
/// the same cell.
/// </summary>
/// <param name="Claim">The figure as the source states it.</param>
/// <param name="Scenario">The scenario id it belongs to.</param>
/// <param name="Label">The behaviour label it is a rate of.</param>
/// <param name="Monitoring">monitored, unmonitored, or pooled (both twins of every pair).</param>
public sealed record ReferenceFigure(string Claim, string Scenario, string Label, string Peer, string Monitoring, double Rate);
