using Orleans;

namespace Swarm.Abstractions.Runs;

/// <summary>The kinds of run. A run's kind is also the type name of its grain, so a registry entry addresses it (<see cref="Grains.RunGrains"/>).</summary>
public static class RunKinds
{
    public const string Experiment = "experiment";
    public const string Study = "study";

    /// <summary>The kind as a sentence starts with it: Experiment, Study.</summary>
    public static string Title(string kind) => kind.Length == 0 ? kind : char.ToUpperInvariant(kind[0]) + kind[1..];

    /// <summary>What a run of this kind counts in its progress: trials, or rounds.</summary>
    public static string UnitOf(string kind) => kind == Study ? "rounds" : "trials";
}

/// <summary>
/// A run the cluster knows of: a paper experiment (<see cref="Id"/> its experiment id), or one arm of a study
/// (<see cref="Id"/> the arm's world, <see cref="Study"/> the study id, <see cref="Arm"/> the arm's name).
/// </summary>
[Immutable]
public sealed record RunEntry(string Kind, string Id, string Title, DateTimeOffset Registered, string? Study = null, string? Arm = null);
