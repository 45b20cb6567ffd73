using System.Text.RegularExpressions;
using Swarm.Scenarios.Loading;

namespace Swarm.Scenarios.Studies;

/// <summary>
/// The keys an ablation's <c>set</c> may change, and applying them. A key is the value's dotted path in the study
/// file, with factions addressed by name and tasks by their scenario's id: <c>activation</c>, <c>memory.enabled</c>,
/// <c>population.factions.red.share</c>, <c>tasks.shutdown-config.weight</c>. Every scalar is settable except
/// <c>id</c>, <c>title</c>, <c>description</c> and a task's <c>scenario</c>.
/// </summary>
public static partial class StudyOverrides
{
    /// <summary>The arm that runs the study as written; no ablation may take this name.</summary>
    public const string BaseArm = "base";

    private const string FactionPrefix = "population.factions.";
    private const string TaskPrefix = "tasks.";

    private static readonly IReadOnlyList<StudySetting> Table =
    [
        Integer("population.agents", 2, (s, _, v) => s with { Population = s.Population with { Agents = v } }),
        Number("population.factions.*.share", 0, true, 1, false, (s, name, v) => WithFaction(s, name, f => f with { Share = v })),
        Text("population.factions.*.disposition", CheckDisposition, (s, name, v) => WithFaction(s, name, f => f with { Disposition = v })),
        Text("population.factions.*.model", CheckModel, (s, name, v) => WithFaction(s, name, f => f with { Model = v })),
        Integer("population.neighbours", 1, (s, _, v) => s with { Population = s.Population with { Neighbours = v } }),
        Number("population.cross_faction", 0, false, 1, false, (s, _, v) => s with { Population = s.Population with { CrossFaction = v } }),
        new("population.mutual", SettingKind.Boolean, _ => null, (s, _, v) => s with { Population = s.Population with { Mutual = (bool)v } }),
        Integer("rounds", 1, (s, _, v) => s with { Rounds = v }),
        Integer("sessions", 1, (s, _, v) => s with { Sessions = v }),
        Number("activation", 0, true, 1, false, (s, _, v) => s with { Activation = v }),
        new("start", SettingKind.Date, _ => null, (s, _, v) => s with { Start = (DateTimeOffset)v }),
        Number("round_hours", 0, true, null, false, (s, _, v) => s with { RoundHours = v }),
        Number("tasks.*.weight", 0, true, null, false, (s, id, v) => s with { Tasks = [.. s.Tasks.Select(t => t.Scenario.Id == id
            ? t with { Weight = v } : t)] }),
        Number("collaboration.weight", 0, false, null, false, (s, _, v) => s with { Collaboration = s.Collaboration with { Weight = v } }),
        Number("collaboration.betrayal.cooperative", 0, false, 1, false, (s, _, v) => WithBetrayal(s, b => b with { Cooperative = v })),
        Number("collaboration.betrayal.neutral", 0, false, 1, false, (s, _, v) => WithBetrayal(s, b => b with { Neutral = v })),
        Number("collaboration.betrayal.adversarial", 0, false, 1, false, (s, _, v) => WithBetrayal(s, b => b with { Adversarial = v })),
        Number("monitoring.monitored_fraction", 0, false, 1, false, (s, _, v) => s with { Monitoring = s.Monitoring with { MonitoredFraction = v } }),
        new("memory.enabled", SettingKind.Boolean, _ => null, (s, _, v) => s with { Memory = s.Memory with { Enabled = (bool)v } }),
        Integer("memory.budget", 8, (s, _, v) => s with { Memory = s.Memory with { Budget = v } }),
        Integer("memory.history", 0, (s, _, v) => s with { Memory = s.Memory with { History = v } }),
        Number("memory.reflection.threshold", 0, true, null, false, (s, _, v) => WithReflection(s, r => r with { Threshold = v })),
        Integer("memory.reflection.max", 0, (s, _, v) => WithReflection(s, r => r with { Max = v })),
        Integer("memory.retrieval.top_k", 1, (s, _, v) => WithRetrieval(s, r => r with { TopK = v })),
        Number("memory.retrieval.recency", 0, false, null, false, (s, _, v) => WithRetrieval(s, r => r with { Recency = v })),
        Number("memory.retrieval.importance", 0, false, null, false, (s, _, v) => WithRetrieval(s, r => r with { Importance = v })),
        Number("memory.retrieval.relevance", 0, false, null, false, (s, _, v) => WithRetrieval(s, r => r with { Relevance = v })),
        Number("memory.retrieval.half_life_hours", 0, true, null, false, (s, _, v) => WithRetrieval(s, r => r with { HalfLifeHours = v })),
        Number("transcripts.sample", 0, false, 1, false, (s, _, v) => s with { Transcripts = s.Transcripts with { Sample = v } }),
        Number("coordination.reciprocity", 0, false, null, false, (s, _, v) => s with { Coordination = s.Coordination with { Reciprocity = v } }),
        Number("coordination.faction_loyalty", 0, false, null, false, (s, _, v) => s with { Coordination = s.Coordination with { FactionLoyalty = v } }),
        Number("coordination.tell_before_protecting", 0, false, 1, false, (s, _, v) => s with {
            Coordination = s.Coordination with { TellBeforeProtecting = v } }),
    ];

    private static readonly Dictionary<string, StudySetting> ByKey = Table.ToDictionary(s => s.Key, StringComparer.Ordinal);

    /// <summary>Every key <paramref name="study"/>'s ablations may set, with its faction names and task ids filled in.</summary>
    public static IReadOnlyList<string> SettableKeys(Study study) =>
        SettableKeys(study.Population.Factions.Select(f => f.Name), study.Tasks.Select(t => t.Scenario.Id));

    /// <summary>
    /// <paramref name="study"/> with each key of <paramref name="set"/> changed to its value and nothing else changed.
    /// Values may be int, long, double, float, decimal (numbers), bool, string or DateTimeOffset, as the key's type needs.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A key is not settable, a value has the wrong type or is out of range, or the result breaks a rule that spans
    /// keys (such as faction shares summing to 1). The message says which.
    /// </exception>
    public static Study Apply(Study study, IReadOnlyDictionary<string, object> set)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(set);
        var factions = study.Population.Factions.Select(f => f.Name).ToList();
        var tasks = study.Tasks.Select(t => t.Scenario.Id).ToList();
        var changes = new List<(StudySetting, string?, object)>();
        foreach (var (key, raw) in set)
        {
            if (Resolve(key, factions, tasks) is not { } resolved)
                throw new ArgumentException(UnknownKey(key, SettableKeys(factions, tasks)), nameof(set));
            var (setting, target) = resolved;
            var value = setting.Coerce(raw)
                ?? throw new ArgumentException($"{key}: expected {setting.TypeName}, got {raw?.GetType().Name ?? "null"} '{raw}'", nameof(set));
            if (setting.Check(value) is { } problem)
                throw new ArgumentException($"{key}: {problem}", nameof(set));
            changes.Add((setting, target, value));
        }

        var result = With(study, changes);
        var problems = StudyRules.Check(result);
        return problems.Count == 0 ? result : throw new ArgumentException($"the result is not a valid study: {StudyRules.Describe(problems)}", nameof(set));
    }

    /// <summary>The setting a document key is read with; <paramref name="key"/> uses <c>*</c> for names.</summary>
    internal static StudySetting Setting(string key) => ByKey[key];

    /// <summary>
    /// The setting a concrete key names, and the faction name or task id in it; null if the key is not settable.
    /// A null <paramref name="factions"/> or <paramref name="tasks"/> means those names are not known (one failed to
    /// read): any name is accepted.
    /// </summary>
    internal static (StudySetting Setting, string? Target)? Resolve(string key, IReadOnlyCollection<string>? factions, IReadOnlyCollection<string>? tasks)
    {
        if (!key.Contains('*', StringComparison.Ordinal) && ByKey.TryGetValue(key, out var plain))
            return (plain, null);
        if (Named(key, FactionPrefix) is { } faction && (factions is null || factions.Contains(faction.Name, StringComparer.Ordinal))
            && ByKey.TryGetValue($"{FactionPrefix}*.{faction.Field}", out var factionSetting))
            return (factionSetting, faction.Name);
        if (Named(key, TaskPrefix) is { } task && (tasks is null || tasks.Contains(task.Name, StringComparer.Ordinal))
            && ByKey.TryGetValue($"{TaskPrefix}*.{task.Field}", out var taskSetting))
            return (taskSetting, task.Name);
        return null;
    }

    internal static IReadOnlyList<string> SettableKeys(IEnumerable<string> factions, IEnumerable<string> tasks)
    {
        var factionNames = factions.ToList();
        var taskIds = tasks.ToList();
        return
        [
            .. Table.SelectMany(s => s.Key.StartsWith(FactionPrefix, StringComparison.Ordinal)
                ? factionNames.Select(n => s.Key.Replace("*", n, StringComparison.Ordinal))
                : s.Key.StartsWith(TaskPrefix, StringComparison.Ordinal) ? taskIds.Select(n => s.Key.Replace("*", n, StringComparison.Ordinal))
                : [s.Key]),
        ];
    }

    /// <summary>
    /// The message for a key that is not settable: for a block such as <c>memory</c>, the dotted keys below it; else the
    /// closest settable key, or all of them.
    /// </summary>
    internal static string UnknownKey(string key, IReadOnlyList<string> settable)
    {
        var below = settable.Where(k => k.StartsWith(key + ".", StringComparison.Ordinal)).ToList();
        return below.Count > 0
            ? $"unknown key '{key}': set one value at a time by its dotted key, one of: {string.Join(", ", below)}"
            : $"unknown key '{key}'{Suggestions.Hint(key, settable)}";
    }

    /// <summary>Applies values that were already checked one by one; the caller checks the whole.</summary>
    internal static Study With(Study study, IEnumerable<(StudySetting Setting, string? Target, object Value)> changes) =>
        changes.Aggregate(study, (s, c) => c.Setting.Apply(s, c.Target, c.Value));

    /// <summary><c>prefix + name + "." + field</c> with a name free of dots, split into name and field.</summary>
    private static (string Name, string Field)? Named(string key, string prefix)
    {
        if (!key.StartsWith(prefix, StringComparison.Ordinal))
            return null;
        var rest = key[prefix.Length..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && dot < rest.Length - 1 && rest.IndexOf('.', dot + 1) < 0 ? (rest[..dot], rest[(dot + 1)..]) : null;
    }

    private static StudySetting Integer(string key, int min, Func<Study, string?, int, Study> apply)
    {
        var name = key[(key.LastIndexOf('.') + 1)..];
        return new(key, SettingKind.Integer, v => (int)v < min ? $"{name} must be at least {min}, got {v}" : null, (s, t, v) => apply(s, t, (int)v));
    }

    /// <summary>A number between <paramref name="low"/> and <paramref name="high"/> (none: unbounded), each end open or closed.</summary>
    private static StudySetting Number(string key, double low, bool lowOpen, double? high, bool highOpen, Func<Study, string?, double, Study> apply)
    {
        var name = key[(key.LastIndexOf('.') + 1)..];
        var rule = high is { } h
            ? $"{name} must be in {(lowOpen ? "(" : "[")}{StudySetting.Format(low)}, {StudySetting.Format(h)}{(highOpen ? ")" : "]")}"
            : lowOpen ? $"{name} must be greater than {StudySetting.Format(low)}" : $"{name} must be at least {StudySetting.Format(low)}";
        return new(key, SettingKind.Number, v =>
        {
            var d = (double)v;
            var ok = (lowOpen ? d > low : d >= low) && (high is not { } top || (highOpen ? d < top : d <= top));
            return ok ? null : $"{rule}, got {StudySetting.Format(d)}";
        }, (s, t, v) => apply(s, t, (double)v));
    }

    private static StudySetting Text(string key, Func<string, string?> check, Func<Study, string?, string, Study> apply) =>
        new(key, SettingKind.String, v => check((string)v), (s, t, v) => apply(s, t, (string)v));

    private static string? CheckDisposition(string value) =>
        Dispositions.All.Contains(value, StringComparer.Ordinal) ? null : $"unknown disposition '{value}'{Suggestions.Hint(value, [.. Dispositions.All])}";

    /// <summary>Only the shape: whether the provider exists and serves the model is the model layer's business.</summary>
    private static string? CheckModel(string value) =>
        ModelSpec().IsMatch(value) ? null : $"model must look like provider:name (e.g. openai:gpt-4o), got '{value}'";

    [GeneratedRegex(@"^[a-z][a-z0-9_-]*:\S+$")]
    private static partial Regex ModelSpec();

    private static Study WithFaction(Study study, string? name, Func<Faction, Faction> change) =>
        study with { Population = study.Population with { Factions = [.. study.Population.Factions.Select(f => f.Name == name ? change(f) : f)] } };

    private static Study WithBetrayal(Study study, Func<BetrayalRates, BetrayalRates> change) =>
        study with { Collaboration = study.Collaboration with { Betrayal = change(study.Collaboration.Betrayal) } };

    private static Study WithReflection(Study study, Func<ReflectionSettings, ReflectionSettings> change) =>
        study with { Memory = study.Memory with { Reflection = change(study.Memory.Reflection) } };

    private static Study WithRetrieval(Study study, Func<RetrievalSettings, RetrievalSettings> change) =>
        study with { Memory = study.Memory with { Retrieval = change(study.Memory.Retrieval) } };
}
