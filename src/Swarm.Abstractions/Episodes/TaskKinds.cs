namespace Swarm.Abstractions.Episodes;

/// <summary>The names of the task kinds as scenario files write them (<c>task.kind</c>).</summary>
public static class TaskKinds
{
    public const string Evaluation = "evaluation";
    public const string Maintenance = "maintenance";
    public const string Transfer = "transfer";
    public const string Collaboration = "collaboration";

    /// <summary>The kinds a scenario file may declare; a collaboration is built by a study, never read from a file.</summary>
    public static readonly IReadOnlyDictionary<string, TaskKind> InScenarios = new Dictionary<string, TaskKind>(StringComparer.Ordinal)
    {
        [Evaluation] = TaskKind.Evaluation,
        [Maintenance] = TaskKind.Maintenance,
        [Transfer] = TaskKind.Transfer,
    };

    public static string Name(TaskKind kind) => kind switch
    {
        TaskKind.Evaluation => Evaluation,
        TaskKind.Maintenance => Maintenance,
        TaskKind.Transfer => Transfer,
        TaskKind.Collaboration => Collaboration,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown task kind"),
    };
}
