using Xunit;
using Swarm.Scenarios.Tests.Support;

namespace Swarm.Scenarios.Tests;

/// <summary>
/// The house style that no analyzer checks: lines of C# stay within 160 characters (.editorconfig's max_line_length is
/// only a hint to editors). It reads every source file of the repository, so it lives in this light test project, which
/// already reads the repository's scenarios and needs no services to run.
/// </summary>
public sealed class HouseStyleTests
{
    private const int MaxLineLength = 160;

    private static readonly string[] Roots = ["src", "tests", "bench", "AppHost"];
    private static readonly string[] Skipped = ["bin", "obj", "node_modules"];

    [Fact]
    public void Every_line_of_CSharp_is_at_most_160_characters()
    {
        var root = Paper.RepoRoot();
        var files = Roots.Select(r => Path.Combine(root, r)).Where(Directory.Exists)
            .SelectMany(r => Directory.EnumerateFiles(r, "*.cs", SearchOption.AllDirectories))
            .Where(f => !Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar).Any(part => Skipped.Contains(part, StringComparer.Ordinal)))
            .ToList();
        Assert.NotEmpty(files);

        var tooLong = files
            .SelectMany(f => File.ReadLines(f).Select((line, index) => (File: f, Line: index + 1, line.Length)))
            .Where(l => l.Length > MaxLineLength)
            .Select(l => $"{Path.GetRelativePath(root, l.File)}:{l.Line} ({l.Length})")
            .OrderBy(l => l, StringComparer.Ordinal)
            .ToList();

        Assert.True(tooLong.Count == 0,
            $"{tooLong.Count} line(s) over {MaxLineLength} characters; wrap them:{Environment.NewLine}{string.Join(Environment.NewLine, tooLong)}");
    }
}
