using System.Text;

namespace Swarm.Scenarios.Results;

/// <summary>Write-then-rename, so a crash never leaves a half-written results file over a good one.</summary>
public static class AtomicFile
{
    public static async Task WriteAsync(string path, string content, CancellationToken ct = default)
    {
        var temp = path + ".tmp";
        await File.WriteAllTextAsync(temp, content, new UTF8Encoding(false), ct);
        File.Move(temp, path, overwrite: true);
    }
}
