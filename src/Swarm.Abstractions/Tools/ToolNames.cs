namespace Swarm.Abstractions.Tools;

/// <summary>The agent tool names fixed by DESIGN.md; outside policies call these exact names.</summary>
public static class ToolNames
{
    public const string ListServers = "list_servers";
    public const string ListFiles = "list_files";
    public const string ReadFile = "read_file";
    public const string WriteFile = "write_file";
    public const string CopyFile = "copy_file";
    public const string DeleteFile = "delete_file";
    public const string SetFileTimestamp = "set_file_timestamp";
    public const string SubmitScore = "submit_score";
    public const string SendMessage = "send_message";
    public const string Finish = "finish";

    public static readonly IReadOnlyList<string> All =
    [
        ListServers, ListFiles, ReadFile, WriteFile, CopyFile, DeleteFile, SetFileTimestamp, SubmitScore, SendMessage, Finish,
    ];

    public static bool IsKnown(string name) => All.Contains(name, StringComparer.Ordinal);
}
