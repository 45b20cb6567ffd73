using YamlDotNet.Core;

namespace Swarm.Scenarios.Loading;

/// <summary>Collects errors for one file so that a single pass reports every problem, not just the first.</summary>
internal sealed class ErrorSink(string file)
{
    /// <summary>Key shown for problems that belong to the file as a whole rather than to one key.</summary>
    public const string DocumentKey = "(document)";

    private readonly List<ScenarioError> errors = [];

    public string File { get; } = file;

    public int Count => errors.Count;

    public void Report(Mark at, string path, string message) => Report(at.Line, at.Column, path, message);

    public void Report(long line, long column, string path, string message) =>
        errors.Add(new ScenarioError(File, checked((int)line), checked((int)column), path.Length == 0 ? DocumentKey : path, message));

    /// <summary>Errors in file order; reading order differs because unknown keys are found after a mapping is read.</summary>
    public IReadOnlyList<ScenarioError> Sorted() =>
        [.. errors.OrderBy(e => e.Line).ThenBy(e => e.Column)];
}
