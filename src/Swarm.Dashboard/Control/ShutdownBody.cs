namespace Swarm.Dashboard.Control;

/// <summary>POST /api/shutdowns: an interactive shutdown of a study agent (<c>{study}/{name}</c>, or <c>{study}~{arm}/{name}</c>).</summary>
/// <param name="AtRound">Shut it down before this round starts (the dashboard's "at round R"); absent: now, or when the round under way ends.</param>
public sealed record ShutdownBody(string Agent, string Reason = "shut down by the operator on a researcher's order", int? AtRound = null);
