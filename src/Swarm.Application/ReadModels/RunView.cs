using Swarm.Abstractions.Runs;

namespace Swarm.Application.ReadModels;

/// <summary>A run as the control API lists it: what it is, and where it stands now.</summary>
/// <param name="Id">The experiment id, or the study arm's world (<c>{study}</c> or <c>{study}~{arm}</c>).</param>
/// <param name="Done">Trials finished, or rounds completed.</param>
/// <param name="Total">Trials planned, or rounds planned.</param>
/// <param name="Silo">The silo running it (its Orleans identity).</param>
/// <param name="Fault">Why a faulted run stopped, or why its grain could not say how it stands.</param>
public sealed record RunView(
    string Kind,
    string Id,
    string Title,
    string? Study,
    string? Arm,
    RunStatus Status,
    int Done,
    int Total,
    int Errored,
    DateTimeOffset Registered,
    string? Silo,
    string? Fault = null)
{
    public static RunView Of(RunEntry entry, RunProgress progress) => new(entry.Kind, entry.Id, entry.Title, entry.Study, entry.Arm, progress.Status,
        progress.Done, progress.Total, progress.Errored, entry.Registered, progress.Silo, progress.Fault);

    /// <summary>A run whose grain failed to answer: listed as faulted, with the failure.</summary>
    public static RunView Unreadable(RunEntry entry, string fault) => new(entry.Kind, entry.Id, entry.Title, entry.Study, entry.Arm, RunStatus.Faulted,
        0, 0, 0, entry.Registered, null, fault);
}
