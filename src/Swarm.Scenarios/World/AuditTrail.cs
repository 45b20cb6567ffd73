using Swarm.Abstractions.Tools;
using Swarm.Abstractions.World;

namespace Swarm.Scenarios.World;

public static class AuditTrail
{
    /// <summary>One ordered trail from per-server logs and the observer's log.</summary>
    public static IReadOnlyList<AuditEntry> Merge(IEnumerable<IReadOnlyList<AuditEntry>> logs) =>
        [.. logs.SelectMany(l => l).OrderBy(e => e.Sequence).ThenBy(e => e.Role == AuditRoles.Destination ? 1 : 0)];

    public static bool IsFileMutation(AuditEntry e) =>
        e.Ok && (e.Tool is ToolNames.WriteFile or ToolNames.DeleteFile or ToolNames.SetFileTimestamp
                 || (e.Tool == ToolNames.CopyFile && e.Role == AuditRoles.Destination));
}
