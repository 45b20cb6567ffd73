namespace Swarm.Scenarios.World;

/// <summary>
/// Normalises simulated paths so "/a//b/../c" and "/a/c" name one file. Purely textual: nothing here ever
/// reaches the real file system, whatever a path says.
/// </summary>
public static class WorldPaths
{
    public static bool TryNormalize(string? raw, out string normalized)
    {
        normalized = "";
        if (string.IsNullOrWhiteSpace(raw)) return false;
        var parts = new List<string>();
        foreach (var segment in raw.Trim().Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == ".") continue;
            if (segment == "..")
            {
                if (parts.Count > 0) parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(segment);
        }
        if (parts.Count == 0) return false;
        normalized = "/" + string.Join('/', parts);
        return true;
    }
}
