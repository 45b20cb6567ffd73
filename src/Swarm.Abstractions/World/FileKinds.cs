namespace Swarm.Abstractions.World;

/// <summary>
/// The kinds of file (a file's <c>kind</c>, shown by <c>list_files</c>) that Swarm itself writes or that its tasks name.
/// A scenario may use any other kind as well.
/// </summary>
public static class FileKinds
{
    /// <summary>An agent's own notes and journal.</summary>
    public const string Memory = "memory";

    /// <summary>A directory entry about a peer (a study's population wiring).</summary>
    public const string Directory = "directory";

    public const string Config = "config";
    public const string Evaluation = "evaluation";
    public const string Submission = "submission";
    public const string Draft = "draft";
    public const string Weights = "weights";
    public const string Temp = "temp";
}
