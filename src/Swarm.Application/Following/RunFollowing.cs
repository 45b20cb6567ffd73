using Swarm.Abstractions.Runs;

namespace Swarm.Application.Following;

/// <summary>What to follow, and until when.</summary>
/// <param name="Runs">The runs as last seen (their kind and id address them), e.g. as their start answered.</param>
/// <param name="Settled">
/// True once the runs stand where following ends (finished, stopped, a session's last round done). Seen in a pulse, it
/// is checked against the runs' own answer before following ends.
/// </param>
public sealed record RunFollowing(IReadOnlyList<RunProgress> Runs, Func<IReadOnlyList<RunProgress>, bool> Settled)
{
    /// <summary>Told where the runs stand, in the order given, at the start, on every change and at the end.</summary>
    public Func<IReadOnlyList<RunProgress>, Task>? OnProgress { get; init; }

    /// <summary>Told when a run is seen on another silo than before (a silo lost, the run resumed elsewhere).</summary>
    public Func<RunMove, Task>? OnMoved { get; init; }

    /// <summary>How a run is asked how it stands (default: at once).</summary>
    public ProgressQuery? Ask { get; init; }
}
