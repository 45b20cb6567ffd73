namespace Swarm.Scenarios.Studies;

/// <summary>
/// Rules that span several keys. The reader applies them to the document where the values stand; the overrides
/// apply them to the study an ablation produces, because a valid value can still make an invalid whole.
/// </summary>
internal static class StudyRules
{
    public const string FactionsKey = "population.factions";
    public const double ShareTolerance = 1e-6;

    public static string? ShareSum(IEnumerable<double> shares)
    {
        var sum = shares.Sum();
        return Math.Abs(sum - 1) > ShareTolerance ? $"faction shares must sum to 1, got {StudySetting.Format(sum)}" : null;
    }

    /// <summary>Every cross-key problem of a whole study, as (key, message).</summary>
    public static IReadOnlyList<(string Key, string Message)> Check(Study study)
    {
        var problems = new List<(string, string)>();
        if (ShareSum(study.Population.Factions.Select(f => f.Share)) is { } shares)
            problems.Add((FactionsKey, shares));
        return problems;
    }

    /// <summary>A problem report for a bad whole study, for exceptions.</summary>
    public static string Describe(IEnumerable<(string Key, string Message)> problems) =>
        string.Join("; ", problems.Select(p => $"{p.Key}: {p.Message}"));

    /// <summary>The same slug rule for ids, faction names and ablation names.</summary>
    public static string? Slug(string what, string value) =>
        value.Length > 0 && value.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
            ? null
            : $"{what} must be a slug (lowercase letters, digits and '-'), got '{value}'";
}
