namespace Swarm.Scenarios.Loading;

/// <summary>"Did you mean" hints: most scenario typos are one or two keystrokes away from a valid name.</summary>
internal static class Suggestions
{
    private const int MaxDistance = 2;

    public static string? Closest(string value, IEnumerable<string> candidates) =>
        candidates
            .Select(c => (Candidate: c, Distance: Distance(value, c)))
            .Where(x => x.Distance <= MaxDistance)
            .OrderBy(x => x.Distance)
            .Select(x => x.Candidate)
            .FirstOrDefault();

    /// <summary>Suffix for an "unknown ..." message: the closest candidate if there is one, else the whole (short) list.</summary>
    public static string Hint(string value, IReadOnlyCollection<string> candidates, bool listAllWhenNoMatch = true)
    {
        if (Closest(value, candidates) is { } closest)
            return $"; did you mean '{closest}'?";
        return listAllWhenNoMatch ? $" (expected one of: {string.Join(", ", candidates)})" : "";
    }

    /// <summary>Levenshtein distance, two rows.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
