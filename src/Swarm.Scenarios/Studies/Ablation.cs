namespace Swarm.Scenarios.Studies;

/// <summary>
/// <c>{name, set: {dotted.key: value}}</c>: an arm that runs beside <c>base</c> with the same seeds and the named values
/// changed. Values are typed as <see cref="StudyOverrides"/> reads them: int, double, bool, string or DateTimeOffset.
/// </summary>
public sealed record Ablation(string Name, IReadOnlyDictionary<string, object> Set);
