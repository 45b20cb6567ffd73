using Orleans;

namespace Swarm.Abstractions.Live;

/// <summary>What a pulse tells a watcher: progress inside a round or a batch of trials, a round committed, a status change, a shutdown.</summary>
public static class RunPulseKinds
{
    public const string Progress = "progress";
    public const string Round = "round";
    public const string Status = "status";
    public const string Shutdown = "shutdown";
}

/// <summary>
/// A run's news, pushed by the experiment or study grain to whoever watches (the dashboard's SignalR hub). Small on
/// purpose: a pulse says that something changed and where the run stands; a watcher that wants the rates reads them once.
/// </summary>
/// <param name="Kind">experiment or study (<see cref="Runs.RunKinds"/>).</param>
/// <param name="Id">The experiment id, or the study arm's world.</param>
/// <param name="Event">One of <see cref="RunPulseKinds"/>.</param>
/// <param name="Done">Trials finished, or rounds completed.</param>
/// <param name="RoundDone">Episodes finished in the round under way (studies).</param>
[Immutable]
public sealed record RunPulse(
    string Kind,
    string Id,
    string Event,
    string Status,
    int Done,
    int Total,
    int Errored,
    int Round,
    int RoundDone,
    int RoundEpisodes,
    int Alive,
    string? Detail = null);
