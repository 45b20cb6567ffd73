namespace Swarm.Abstractions.Runs;

/// <summary>The names a researcher reads for each <see cref="RunStatus"/>: the same as the control API's JSON.</summary>
public static class RunStatusLabels
{
    public static string Label(this RunStatus status) => EnumWords.Of(status);
}
