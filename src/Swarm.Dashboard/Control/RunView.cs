namespace Swarm.Dashboard.Control;

/// <summary>A run as the control API lists it: what it is, and where it stands now.</summary>
/// <param name="Id">The experiment id, or the study arm's world (<c>{study}</c> or <c>{study}~{arm}</c>).</param>
/// <param name="Done">Trials finished, or rounds completed.</param>
/// <param name="Total">Trials planned, or rounds planned.</param>
/// <param name="Silo">The silo running it (its Orleans identity).</param>
public sealed record RunView(
    string Kind,
    string Id,
    string Title,
    string? Study,
    string? Arm,
    string Status,
    int Done,
    int Total,
    int Errored,
    DateTimeOffset Registered,
    string? Silo);
