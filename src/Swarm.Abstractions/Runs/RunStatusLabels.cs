using System.Reflection;
using System.Text.Json.Serialization;

namespace Swarm.Abstractions.Runs;

/// <summary>The names a researcher reads for each <see cref="RunStatus"/>: the same as the control API's JSON.</summary>
public static class RunStatusLabels
{
    private static readonly Dictionary<RunStatus, string> Labels = Enum.GetValues<RunStatus>().ToDictionary(s => s,
        s => typeof(RunStatus).GetField(s.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()!.Name);

    public static string Label(this RunStatus status) => Labels[status];
}
