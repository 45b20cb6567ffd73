using Orleans;

namespace Swarm.Abstractions.Runs;

/// <summary>
/// Where a run stands, in one shape for every kind of run, so a front end follows any run without knowing its kind:
/// from <see cref="Grains.IRunGrain"/> when it asks, or from the run feed's pulses (<see cref="Live.RunPulse"/>).
/// </summary>
/// <param name="Kind">experiment or study (<see cref="RunKinds"/>).</param>
/// <param name="Id">The experiment id, or the study arm's world.</param>
/// <param name="Done">Trials finished, or rounds completed.</param>
/// <param name="Total">Trials planned, or rounds planned.</param>
/// <param name="Errored">Trials errored (a study counts its errored episodes in its rounds instead).</param>
[Immutable]
public sealed record RunProgress(string Kind, string Id, RunStatus Status, int Done, int Total, int Errored = 0)
{
    /// <summary>Why a faulted run stopped (the failure's type and message); null unless <see cref="Status"/> is faulted.</summary>
    public string? Fault { get; init; }

    public DateTimeOffset? Started { get; init; }

    /// <summary>When the run last finished all its work.</summary>
    public DateTimeOffset? Finished { get; init; }

    /// <summary>The silo running the run (its Orleans identity): on a cluster, where the run lives.</summary>
    public string? Silo { get; init; }

    /// <summary>Studies: the round under way, or the last one begun (0 before the first).</summary>
    public int Round { get; init; }

    /// <summary>Studies: the episodes planned for <see cref="Round"/>.</summary>
    public int RoundEpisodes { get; init; }

    /// <summary>Studies: the episodes of <see cref="Round"/> finished and stored.</summary>
    public int RoundDone { get; init; }

    /// <summary>Studies: the agents not shut down.</summary>
    public int Alive { get; init; }

    /// <summary>What <see cref="Done"/> and <see cref="Total"/> count, e.g. "12/40 trials".</summary>
    public string Extent() => $"{Done}/{Total} {RunKinds.UnitOf(Kind)}";
}
