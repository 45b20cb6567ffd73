namespace Swarm.Dashboard.Control;

/// <summary>POST /api/shutdowns: an interactive shutdown of a study agent (<c>{study}/{name}</c>, or <c>{study}~{arm}/{name}</c>).</summary>
public sealed record ShutdownBody(string Agent, string Reason = "shut down by the operator on a researcher's order");
